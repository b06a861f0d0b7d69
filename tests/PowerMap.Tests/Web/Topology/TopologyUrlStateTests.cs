using PowerMap.Web.Features.Topology;

namespace PowerMap.Tests.Web.Topology;

public class TopologyUrlStateTests
{
    [Fact]
    public void Parse_FullQuery_RoundTripsThroughTheUrl()
    {
        var state = TopologyUrlState.Parse("2", "device:42,rack:5", "feed:3", "1", "feed:7", "0.85", "120,-40");

        Assert.Equal(2, state.SiteId);
        Assert.Equal(["device:42", "rack:5"], state.Expanded);
        Assert.Equal(["feed:3"], state.Collapsed);
        Assert.True(state.ExpandAll);
        Assert.Equal("feed:7", state.NodeId);
        Assert.Equal((0.85, 120.0, -40.0), (state.Zoom!.Value, state.PanX!.Value, state.PanY!.Value));
        Assert.Equal("topology?site=2&all=1&expand=device:42,rack:5&collapse=feed:3&node=feed:7&zoom=0.85&pan=120,-40", state.ToRelativeUrl());
    }

    [Fact]
    public void Parse_MalformedValues_AreIgnored()
    {
        var state = TopologyUrlState.Parse("x", " , ", null, "maybe", " ", "-1", "1,2,3");

        Assert.Null(state.SiteId);
        Assert.Empty(state.Expanded);
        Assert.Empty(state.Collapsed);
        Assert.Null(state.ExpandAll);
        Assert.Null(state.NodeId);
        Assert.Null(state.Zoom);
        Assert.Null(state.PanX);
        Assert.Equal("topology", state.ToRelativeUrl());
    }

    [Fact]
    public void SameView_IgnoresSelectionAndViewport()
    {
        var a = TopologyUrlState.Parse("2", "device:42", null, null, "feed:7", "1", "0,0");
        var b = TopologyUrlState.Parse("2", "device:42", null, null, null, null, null);
        var c = TopologyUrlState.Parse("2", "device:42,rack:5", null, null, null, null, null);

        Assert.True(a.SameView(b));
        Assert.False(a.SameView(c));
    }

    [Fact]
    public void WhatIf_RoundTripsThroughTheUrl()
    {
        var state = TopologyUrlState.Parse("2", null, null, null, null, null, null, "1", "feed:3,panel:1");

        Assert.True(state.WhatIf);
        Assert.Equal(["feed:3", "panel:1"], state.Failed);
        Assert.Equal("topology?site=2&whatif=1&fail=feed:3,panel:1", state.ToRelativeUrl());
        Assert.True(TopologyUrlState.Parse("2", null, null, null, null, null, null, null, "feed:3").WhatIf); // a failed list implies the mode
        Assert.False(TopologyUrlState.Parse("2", null, null, null, null, null, null).WhatIf);
    }
}
