using PowerMap.Core.Layout;

namespace PowerMap.Tests.Core.Layout;

public class PrintPagesTests
{
    private static readonly Size Page = new(1000, 600);

    // drawing 800 × 400 on a 1000 × 600 page: fits at 1 (not enlarged), one page showing everything.
    [Fact]
    public void Tile_SmallDrawing_OnePageNotEnlarged()
    {
        var tiling = PrintPages.Tile(new Size(800, 400), Page, 0.5);

        Assert.Equal((1, 1, 1.0), (tiling.Rows, tiling.Columns, tiling.Zoom));
        Assert.Equal(new PrintPage(1, 1, new Rect(0, 0, 800, 400)), Assert.Single(tiling.Pages));
    }

    // 1,800 × 900 fits one page at 0.556 ≥ 0.5: still one page, scaled down.
    [Fact]
    public void Tile_FitsAboveTheReadableZoom_OnePageScaledDown()
    {
        var tiling = PrintPages.Tile(new Size(1800, 900), Page, 0.5);

        Assert.Single(tiling.Pages);
        Assert.Equal(1000.0 / 1800, tiling.Zoom, 6);
    }

    // DC2-like 3,800 × 2,460 at ≥ 0.5 on 1,000 × 600: 2 columns (1,900 / 1,000) × 3 rows (1,230 / 600).
    [Theory]
    [InlineData(3800, 2460, 0.5, 3, 2)]
    [InlineData(3800, 2460, 0.25, 2, 1)]
    [InlineData(12000, 300, 0.5, 1, 6)]
    [InlineData(300, 5000, 0.5, 5, 1)]
    public void Tile_LargeDrawing_FewestPagesAtTheReadableZoomOrMore(double width, double height, double readable, int rows, int columns)
    {
        var drawing = new Size(width, height);

        var tiling = PrintPages.Tile(drawing, Page, readable);

        Assert.Equal((rows, columns), (tiling.Rows, tiling.Columns));
        Assert.Equal(rows * columns, tiling.Pages.Count);
        Assert.True(tiling.Zoom >= readable, $"zoom {tiling.Zoom}");
        // One fewer row or column would go below the readable zoom.
        Assert.True((columns - 1) * Page.Width / width < readable || (rows - 1) * Page.Height / height < readable);
        // Every window is one page at the shared zoom; together they cover the drawing, in reading order, without overlap.
        Assert.All(tiling.Pages, p => Assert.Equal((Page.Width / tiling.Zoom, Page.Height / tiling.Zoom), (p.Window.Width, p.Window.Height)));
        Assert.Equal(Enumerable.Range(0, rows * columns).Select(i => (i / columns + 1, i % columns + 1)), tiling.Pages.Select(p => (p.Row, p.Column)));
        Assert.True(tiling.Pages.Max(p => p.Window.Right) >= width - 1e-6 && tiling.Pages.Max(p => p.Window.Bottom) >= height - 1e-6);
        Assert.DoesNotContain(true, tiling.Pages.SelectMany((a, i) => tiling.Pages.Skip(i + 1), (a, b) => a.Window.Intersects(b.Window)));
    }

    // A row of racks 300 wide, 60 apart (2,500 wide in all), on pages 1,000 wide at zoom 1 (readable 1). A plain grid
    // cuts at 1,000 and 2,000, through racks 3 and 6. Each page edge moves back to the last gap before it (720, 1,440,
    // 2,160; one page more), so every rack prints whole on one page.
    //   |[r1]  [r2]  |[r3]  [r4]  |[r5]  [r6]  |[r7]|
    [Fact]
    public void Tile_KeepWhole_PageEdgesMoveToTheGapsBetweenRacks()
    {
        var racks = Enumerable.Range(0, 7).Select(i => new Rect(i * 360, 20, 300, 500)).ToList();

        var tiling = PrintPages.Tile(new Size(2500, 560), new Size(1000, 600), 1, racks);
        var plain = PrintPages.Tile(new Size(2500, 560), new Size(1000, 600), 1);

        Assert.Equal([0.0, 1000, 2000], plain.Pages.Select(p => p.Window.X));
        Assert.Equal(1.0, tiling.Zoom);
        Assert.Equal([0.0, 720, 1440, 2160], tiling.Pages.Select(p => p.Window.X));
        Assert.All(racks, r => Assert.Contains(tiling.Pages, p => p.Window.Left <= r.Left && r.Right <= p.Window.Right));
        Assert.All(tiling.Pages.Skip(1), p => Assert.DoesNotContain(racks, r => r.Left < p.Window.Left && p.Window.Left < r.Right));
        Assert.True(tiling.Pages[^1].Window.Right >= 2500);
    }

    // The same racks with room to spare above the readable zoom (0.6; the grid prints at 0.8): zooming out a little keeps
    // the plain grid's 2 pages and still cuts only between racks.
    [Fact]
    public void Tile_KeepWhole_ZoomsOutALittleRatherThanAddAPage()
    {
        var racks = Enumerable.Range(0, 7).Select(i => new Rect(i * 360, 20, 300, 500)).ToList();

        var tiling = PrintPages.Tile(new Size(2500, 560), new Size(1000, 600), 0.6, racks);

        Assert.Equal((1, 2), (tiling.Rows, tiling.Columns));
        Assert.InRange(tiling.Zoom, 0.6, 0.79);
        Assert.All(racks, r => Assert.Contains(tiling.Pages, p => p.Window.Left <= r.Left && r.Right <= p.Window.Right));
    }

    // One box wider than a page cannot be kept whole: the page edge falls where a plain grid puts it.
    [Fact]
    public void Tile_KeepWhole_BoxWiderThanAPage_CutAtThePageEdge()
    {
        var tiling = PrintPages.Tile(new Size(2500, 500), new Size(1000, 600), 1, [new Rect(100, 0, 2300, 500)]);

        Assert.Equal([0.0, 1000, 2000], tiling.Pages.Select(p => p.Window.X));
    }

    [Theory]
    [InlineData(0, 100, 0.5)]
    [InlineData(100, -1, 0.5)]
    [InlineData(100, 100, 0)]
    public void Tile_BadInput_Throws(double width, double height, double readable)
    {
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => PrintPages.Tile(new Size(width, height), Page, readable));
    }
}
