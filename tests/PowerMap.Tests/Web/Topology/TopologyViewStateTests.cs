using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Layout;
using PowerMap.Core.Power;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Topology;

namespace PowerMap.Tests.Web.Topology;

// The /topology view state without Blazor: URL in, view/selection/trace/what-if out, and what the diagram must redo.
//
//   Panel 1 ─┬─ Feed 1 (A) ── PDU1 ─┬─ Server PSU1
//            │                      └─ Router PSU1
//            └─ Feed 2 (B) ── PDU2 ─┬─ Server PSU2
//                                   └─ Router PSU2
public class TopologyViewStateTests
{
    /// <summary>The seed's ids (the builder numbers deterministically), for URLs written before a state is opened.</summary>
    private static readonly TopologyBuilder.SeedIds Seed = TopologyBuilder.Seed().Ids;

    private static (TopologyViewState State, TopologyBuilder.SeedIds Ids, Installation Inst) Open(string? query = null)
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var state = new TopologyViewState(new TopologySnapshot(inst, PowerReport.Compute(inst), 1, 1));
        state.ApplyUrl(Parse(query ?? ""));
        return (state, ids, inst);
    }

    private static TopologyUrlState Parse(string query)
    {
        var q = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        string? Get(string key) => q.TryGetValue(key, out var v) ? v.ToString() : null;
        return TopologyUrlState.Parse(Get("site"), Get("expand"), Get("collapse"), Get("all"), Get("node"), Get("zoom"), Get("pan"), Get("whatif"), Get("fail"));
    }

    [Fact]
    public void ApplyUrl_NoSite_OpensTheSeedSiteWithEveryNode()
    {
        var (state, ids, inst) = Open();

        Assert.Equal(inst.SiteByName["DC1"].Id, state.Url.SiteId);
        Assert.NotNull(state.Layout);
        Assert.Contains(state.View!.Nodes, n => n.Id == TopologyNodeId.Device(ids.Server));
        Assert.Null(state.Selected);
    }

    [Fact]
    public void ApplyUrl_Node_SelectsAndTracesItOverBothSides()
    {
        var (state, ids, _) = Open($"?node=device:{Seed.Server}");

        Assert.Equal(TopologyNodeId.Device(ids.Server), state.Selected?.Id);
        Assert.Equal(TopologyNodeId.Device(ids.Server), state.Url.NodeId);
        Assert.True(state.Highlight!.Nodes.ContainsKey(TopologyNodeId.Feed(ids.Feed1)));
        Assert.True(state.Highlight.Nodes.ContainsKey(TopologyNodeId.Feed(ids.Feed2)));
        Assert.Equal("Server", state.Details?.Node.Label);
        Assert.Equal(["Feed 1", "Feed 2", "PDU1", "PDU2", "Panel 1"], state.TracedLabels().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("device:999")]   // no such node
    [InlineData("rubbish")]
    public void ApplyUrl_UnknownNode_SelectsNothing(string node)
    {
        var (state, _, _) = Open($"?node={node}");

        Assert.Null(state.Selected);
        Assert.Null(state.Url.NodeId);
        Assert.Null(state.Highlight);
    }

    [Fact]
    public void ApplyUrl_TheSameUrlAgain_ChangesNothing_AViewportOnlyChangeNeither()
    {
        var (state, ids, _) = Open($"?node=device:{Seed.Server}");

        Assert.Equal(ViewChange.None, state.ApplyUrl(Parse($"?site={state.Url.SiteId}&node=device:{ids.Server}")));
        Assert.Equal(ViewChange.None, state.ApplyUrl(Parse($"?site={state.Url.SiteId}&node=device:{ids.Server}&zoom=0.5&pan=10,20")));
        Assert.Null(state.Url.Zoom);
    }

    // What the page writes into the URL opens the same view, selection and what-if in another browser.
    [Fact]
    public void Url_RoundTrip_OpensTheSameState()
    {
        var (state, ids, _) = Open();
        state.Toggle(TopologyNodeId.Device(ids.Pdu1));
        state.Select(TopologyNodeId.Device(ids.Router));
        state.ToggleFailed(TopologyNodeId.Feed(ids.Feed2));

        var (other, _, _) = Open(state.Url.ToRelativeUrl()["topology".Length..]);

        Assert.Equal(state.Url.ToRelativeUrl(), other.Url.ToRelativeUrl());
        Assert.Equal(state.View!.Nodes.Select(n => n.Id), other.View!.Nodes.Select(n => n.Id));
        Assert.Equal(state.Selected?.Id, other.Selected?.Id);
        Assert.Equal([TopologyNodeId.Feed(ids.Feed2)], other.Url.Failed);
        Assert.NotNull(other.WhatIf);
    }

    [Fact]
    public void ApplySnapshot_DrawEdit_NewNumbersInPlace_TraceKept()
    {
        var (state, ids, inst) = Open($"?node=device:{Seed.Server}");
        var layout = state.Layout;
        var psu1 = inst.PortById[ids.ServerPsu1];
        var edited = inst.WithUpsert(new PowerPort { Id = psu1.Id, DeviceId = psu1.DeviceId, Name = psu1.Name, AllocatedDrawWatts = 500, MaximumDrawWatts = 600 });

        var change = state.ApplySnapshot(new TopologySnapshot(edited, PowerReport.Compute(edited), 2, 2));

        Assert.True(change.HasFlag(ViewChange.Figures));
        Assert.False(change.HasFlag(ViewChange.Structure));
        Assert.Same(layout, state.Layout); // nothing laid out again: nothing moves
        Assert.Equal(620, state.Figures[TopologyNodeId.Feed(ids.Feed1)].AllocatedWatts);
        Assert.Equal(TopologyNodeId.Device(ids.Server), state.Selected?.Id);
        Assert.Equal(ViewChange.None, state.ApplySnapshot(new TopologySnapshot(inst, PowerReport.Compute(inst), 2, 2))); // not newer
    }

    [Fact]
    public void ApplySnapshot_SelectedDeviceDeleted_NewStructure_SelectionCleared()
    {
        var (state, ids, inst) = Open($"?node=device:{Seed.Router}");
        var routerPorts = inst.PowerPorts.Where(p => p.DeviceId == ids.Router).Select(p => p.Id).ToHashSet();
        var without = inst.With(
            devices: inst.Devices.Where(d => d.Id != ids.Router),
            powerPorts: inst.PowerPorts.Where(p => p.DeviceId != ids.Router),
            cables: inst.Cables.Where(c => !c.Terminations.Any(t => t.Kind == TerminationKind.PowerPort && routerPorts.Contains(t.ObjectId))));

        var change = state.ApplySnapshot(new TopologySnapshot(without, PowerReport.Compute(without), 2, 2));

        Assert.True(change.HasFlag(ViewChange.Structure));
        Assert.Null(state.Selected);
        Assert.DoesNotContain(state.View!.Nodes, n => n.Id == TopologyNodeId.Device(ids.Router));
    }

    // A PDU the overview opened: the first toggle closes it (kept closed in the URL), the second opens it again.
    [Fact]
    public void Toggle_OpenPdu_CollapsesThenExpandsAgain()
    {
        var (state, ids, _) = Open();
        string pdu = TopologyNodeId.Device(ids.Pdu1);
        Assert.True(TopologyViewState.CanCollapse(state.View!.Nodes.Single(n => n.Id == pdu)));

        var (change, blocked) = state.Toggle(pdu);

        Assert.True(change.HasFlag(ViewChange.Structure));
        Assert.False(blocked);
        Assert.True(TopologyViewState.CanExpand(state.View!.Nodes.Single(n => n.Id == pdu)));
        Assert.DoesNotContain(state.View.Nodes, n => n.Id == TopologyNodeId.Device(ids.Server) && n.ParentId == pdu);
        Assert.Contains(pdu, state.Url.Collapsed);

        state.Toggle(pdu);

        Assert.True(TopologyViewState.CanCollapse(state.View!.Nodes.Single(n => n.Id == pdu)));
        Assert.DoesNotContain(pdu, state.Url.Collapsed);
        Assert.Contains(pdu, state.Url.Expanded);
    }

    [Fact]
    public void ToggleTarget_UnknownNode_IsNull_AndToggleChangesNothing()
    {
        var (state, _, _) = Open();

        Assert.Null(state.ToggleTarget("device:999"));
        Assert.Equal((ViewChange.None, false), state.Toggle("device:999"));
    }

    [Fact]
    public void ChangeSite_ClearsSelectionAndExpansions_KeepsWhatIfOn()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var second = new Site { Id = 9000, Name = "DC2", Version = 1 };
        inst = inst.WithUpsert(second);
        var state = new TopologyViewState(new TopologySnapshot(inst, PowerReport.Compute(inst), 1, 1));
        state.ApplyUrl(Parse($"?node=device:{ids.Server}&expand=device:{ids.Pdu1}&whatif=1&fail=feed:{ids.Feed1}"));

        var change = state.ChangeSite(second.Id);

        Assert.True(change.HasFlag(ViewChange.Site));
        Assert.Equal(second.Id, state.Url.SiteId);
        Assert.Null(state.Selected);
        Assert.Empty(state.Url.Expanded);
        Assert.True(state.Url.WhatIf);
        Assert.Empty(state.Url.Failed);
        Assert.Equal(ViewChange.None, state.ChangeSite(second.Id));
    }

    [Fact]
    public void ToggleFailed_Twice_RestoresIt_WhatIfStaysOn()
    {
        var (state, ids, _) = Open();
        string feed = TopologyNodeId.Feed(ids.Feed1);

        state.ToggleFailed(feed);
        Assert.Equal([feed], state.Url.Failed);
        state.ToggleFailed(feed);

        Assert.Empty(state.Url.Failed);
        Assert.True(state.Url.WhatIf);
        Assert.NotNull(state.WhatIf);
        state.ToggleWhatIf();
        Assert.Null(state.WhatIf);
    }

    // The seed's feeds are at 16 %: nothing to jump to. With Server PSU1 at 2,200 W Feed 1 (and PDU1, which shows it) are.
    [Fact]
    public void NextWorst_CyclesThroughTheNodesAtOrAbove75Percent()
    {
        var (state, ids, inst) = Open();
        Assert.Null(state.NextWorst());
        var psu1 = inst.PortById[ids.ServerPsu1];
        var hot = inst.WithUpsert(new PowerPort { Id = psu1.Id, DeviceId = psu1.DeviceId, Name = psu1.Name, AllocatedDrawWatts = 2200, MaximumDrawWatts = 2400 });
        state.ApplySnapshot(new TopologySnapshot(hot, PowerReport.Compute(hot), 2, 2));

        var worst = WorstNodes.Order(state.View!, state.Figures);
        var visited = new List<string>();
        for (int i = 0; i <= worst.Count; i++)
        {
            string next = state.NextWorst()!;
            visited.Add(next);
            state.Select(next);
        }

        Assert.Equal(TopologyNodeId.Feed(ids.Feed1), visited[0]); // upstream first on a tie
        Assert.True(worst.Count >= 2, $"{worst.Count} nodes at or above 75 %");
        Assert.Equal([.. worst, worst[0]], visited);               // each once, in order, then round again
    }

    // The titles carry the database's data revision (the same on every instance), not this instance's publish count.
    [Fact]
    public void ExportFileNameAndTitles_NameTheSiteTheDateAndTheDataRevision()
    {
        var (inst, _) = TopologyBuilder.Seed();
        var state = new TopologyViewState(new TopologySnapshot(inst, PowerReport.Compute(inst), Revision: 3, DataRevision: 41));
        state.ApplyUrl(Parse(""));
        var now = new DateTime(2026, 11, 26, 17, 5, 0, DateTimeKind.Utc);

        Assert.Equal("powermap-dc1-2026-11-26.png", state.ExportFileName("png", now));
        Assert.Equal("PowerMap · DC1 · 2026-11-26 17:05 UTC · revision 41", state.PrintTitle(now));
        Assert.Equal("PowerMap · DC1 · revision 41", state.ExportTitle());
        Assert.Equal($"topology/print?site={state.Url.SiteId}", state.Url.ToPrintUrl());
    }
}
