using PowerMap.Core.Layout;

namespace PowerMap.Tests.Core.Layout;

public class GeometryTests
{
    [Fact]
    public void Around_SeveralRects_EnclosesAllOfThem()
    {
        //  [a]        a: (10,20) 30×10
        //      [b]    b: (50,5)  10×40
        var around = Rect.Around([new Rect(10, 20, 30, 10), new Rect(50, 5, 10, 40)]);

        Assert.Equal(new Rect(10, 5, 50, 40), around);
    }

    [Fact]
    public void Around_OneRect_IsThatRect()
    {
        Assert.Equal(new Rect(-4, 3, 2, 1), Rect.Around([new Rect(-4, 3, 2, 1)]));
    }

    [Fact]
    public void Around_NoRects_IsNull()
    {
        Assert.Null(Rect.Around([]));
    }
}
