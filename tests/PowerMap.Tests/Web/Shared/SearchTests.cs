using PowerMap.Web.Components.Shared;

namespace PowerMap.Tests.Web.Shared;

public class SearchTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("  ", true)]
    [InlineData("feed", true)]
    [InlineData("FEED 1", true)]
    [InlineData("dc1 panel", true)]
    [InlineData("dc2", false)]
    [InlineData("feed dc2", false)]
    public void EveryWord_MustAppearInOneText(string? query, bool expected) =>
        Assert.Equal(expected, Search.Matches(query, "Feed 1", "DC1", "Panel 1", null));
}
