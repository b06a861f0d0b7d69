using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Dcim;

public class FeedDefaultsTests
{
    [Theory]
    [InlineData(new string[0], "Feed 1")]
    [InlineData(new[] { "Feed 1", "Feed 2" }, "Feed 3")]
    [InlineData(new[] { "Feed 2", "Feed 10", "Feed 9" }, "Feed 11")]
    [InlineData(new[] { "A-01", "A-02" }, "A-03")]
    [InlineData(new[] { "PDU-A-7", "Main" }, "PDU-A-8")]
    [InlineData(new[] { "Main" }, "Feed 1")]
    public void NextName_FollowsTheHighestNumber(string[] names, string expected)
    {
        var b = new TopologyBuilder();
        var panel = b.Panel("P");
        var other = b.Panel("Other");
        b.Feed(other, "Feed 99");
        foreach (var n in names)
        {
            b.Feed(panel, n);
        }

        Assert.Equal(expected, FeedDefaults.NextName(b.Build(), panel.Id));
    }

    [Fact]
    public void FromPanel_CopiesTheLatestSiblingsElectricalValues()
    {
        var b = new TopologyBuilder();
        var panel = b.Panel("P");
        b.Feed(panel, "Feed 1", 230, 16, 80);
        b.Feed(panel, "Feed 2", 400, 32, 90, phase: Choices.ThreePhase);
        var inst = b.Build();
        var feed = new PowerFeed { PowerPanelId = panel.Id };

        FeedDefaults.FromPanel(inst, feed);

        Assert.Equal((400, 32, 90, Choices.ThreePhase, Choices.Ac), (feed.Voltage, feed.Amperage, feed.MaxUtilization, feed.Phase, feed.Supply));
    }

    [Fact]
    public void FromPanel_WithoutSiblings_KeepsNetBoxDefaults()
    {
        var b = new TopologyBuilder();
        var panel = b.Panel("P");
        var feed = new PowerFeed { PowerPanelId = panel.Id };

        FeedDefaults.FromPanel(b.Build(), feed);

        Assert.Equal((120, 15, 80, Choices.SinglePhase), (feed.Voltage, feed.Amperage, feed.MaxUtilization, feed.Phase));
    }
}
