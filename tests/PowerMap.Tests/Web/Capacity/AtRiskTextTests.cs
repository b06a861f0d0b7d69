using PowerMap.Core.Analysis;
using PowerMap.Core.Power;
using PowerMap.Tests.Core.Analysis;
using PowerMap.Web.Features.Capacity;

namespace PowerMap.Tests.Web.Capacity;

public class AtRiskTextTests
{
    // The uneven rack of CapacityOverviewTests.UnevenRack: 46.2 % now, 92.4 % if A fails, 76.1 % if B fails. The why says
    // all three (the review's "now / if A fails / if B fails"), not only the worst failure.
    [Fact]
    public void Why_RackFedFromBothSides_NowAndEachSide()
    {
        var (inst, _) = CapacityOverviewTests.UnevenRack();
        var report = PowerReport.Compute(inst);
        var rack = Assert.Single(CapacityOverview.Compute(report).AtRisk, x => x.Subject == CapacitySubject.Rack);

        Assert.Equal("now 46.2 %; if A fails: 92.4 % (critical, ≥ 90 %); if B fails: 76.1 % (warning, ≥ 75 %)", AtRiskText.Why(inst, rack, report.Options));
    }

    // A feed keeps the worst single failure, named.
    [Fact]
    public void Why_Feed_NamesTheWorstFailure()
    {
        var (inst, _) = CapacityOverviewTests.UnevenRack();
        var report = PowerReport.Compute(inst);
        var feedB = Assert.Single(CapacityOverview.Compute(report).AtRisk, x => x.Subject == CapacitySubject.PowerFeed && x.Name == "Feed B");

        Assert.Equal("if Feed A (side A) fails: 92.4 % (critical, ≥ 90 %)", AtRiskText.Why(inst, feedB, report.Options));
    }

    // A rack's side that leaves it without power (nothing on the other side: not built by the overview, but possible in
    // the record) says so.
    [Fact]
    public void Why_SideWithoutPower_SaysSo()
    {
        var (inst, _) = CapacityOverviewTests.UnevenRack();
        var item = new AtRiskItem(CapacitySubject.Rack, 1, "R9", 1, 50.0, 80.0, null, UtilizationStatus.Warning)
        {
            IfSideFails = [new SideFailure("A", null), new SideFailure("B", 80.0)],
        };

        Assert.Equal("now 50.0 %; if A fails: no power; if B fails: 80.0 % (warning, ≥ 75 %)", AtRiskText.Why(inst, item, UtilizationOptions.Default));
    }
}
