using PowerMap.Core.Data;
using PowerMap.Core.Layout;
using PowerMap.Core.Power;

namespace PowerMap.Tests.Core.Layout;

public class WorstNodesTests
{
    // The generated M site has exactly one feed over 100 %, a few racks in danger and warning: the overloaded feed comes
    // first, then every danger node by percent, then every warning node; nothing below 75 %.
    [Fact]
    public void Order_GeneratedSiteOverview_OverloadedFeedFirstThenDangerThenWarning()
    {
        var installation = InstallationGenerator.Generate(InstallationSize.M);
        var report = PowerReport.Compute(installation);
        var view = TopologyView.Build(installation, null, report);
        var figures = TopologyFigures.Compute(view, report);

        var order = WorstNodes.Order(view, figures);

        var over = Assert.Single(view.Nodes, n => figures[n.Id].Percent > 100 && n.Kind == NodeKind.Feed);
        Assert.Equal(over.Id, order[0]);
        var statuses = order.Select(id => figures[id].Status).ToList();
        Assert.Contains(UtilizationStatus.Warning, statuses);
        int firstWarning = statuses.IndexOf(UtilizationStatus.Warning);
        Assert.All(statuses.Take(firstWarning), s => Assert.Equal(UtilizationStatus.Danger, s));
        Assert.All(statuses.Skip(firstWarning), s => Assert.Equal(UtilizationStatus.Warning, s));
        for (int i = 1; i < firstWarning; i++)
        {
            Assert.True(figures[order[i - 1]].Percent >= figures[order[i]].Percent);
        }
        int atOrAbove75 = view.Nodes.Count(n => figures[n.Id].Status is UtilizationStatus.Warning or UtilizationStatus.Danger);
        Assert.Equal(atOrAbove75, order.Count);
    }

    [Fact]
    public void Order_AllNormal_IsEmpty()
    {
        var seed = LayoutTopologies.SeedExample();
        var report = PowerReport.Compute(seed.Installation);
        var view = TopologyView.Build(seed.Installation, null, report);

        Assert.Empty(WorstNodes.Order(view, TopologyFigures.Compute(view, report)));
    }
}
