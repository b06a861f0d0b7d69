using PowerMap.Core.Power;

namespace PowerMap.Tests.Core.Power;

// percent = round(allocated / available × 100, 1); status on the rounded percent (75 / 90); NetBox's bar_class kept.
public class UtilizationTests
{
    [Theory]
    [InlineData(470, 2944, 16.0)]
    [InlineData(201, 2000, 10.1)]
    [InlineData(211, 2000, 10.5)]
    [InlineData(3000, 2944, 101.9)]
    [InlineData(0, 2944, 0.0)]
    public void Percent_RoundsLikePython(long allocated, long available, double expected) =>
        Assert.Equal(expected, Utilization.Percent(allocated, available));

    [Fact]
    public void Percent_WithoutCapacity_IsNull() => Assert.Null(Utilization.Percent(100, 0));

    [Theory]
    [InlineData(74.9, UtilizationStatus.Normal)]
    [InlineData(75.0, UtilizationStatus.Warning)]
    [InlineData(89.9, UtilizationStatus.Warning)]
    [InlineData(90.0, UtilizationStatus.Danger)]
    [InlineData(100.0, UtilizationStatus.Danger)]
    [InlineData(250.0, UtilizationStatus.Danger)]
    public void Status_UsesThresholds(double percent, UtilizationStatus expected) => Assert.Equal(expected, Utilization.Status(percent));

    [Fact]
    public void Status_RoundedPercentDecides()
    {
        // 2207/2944 = 74.966… rounds to 75.0 → warning, as NetBox colours the rounded number.
        var percent = Utilization.Percent(2207, 2944)!.Value;
        Assert.Equal(75.0, percent);
        Assert.Equal(UtilizationStatus.Warning, Utilization.Status(percent));
    }

    [Theory]
    [InlineData(10.0, "bg-success")]
    [InlineData(75.0, "bg-warning")]
    [InlineData(90.0, "bg-danger")]
    [InlineData(100.0, "bg-secondary")]
    [InlineData(100.1, "bg-danger")]
    public void BarClass_IsNetBoxs(double percent, string expected) => Assert.Equal(expected, Utilization.BarClass(percent));

    [Fact]
    public void Status_CustomOptions_MoveThresholds() =>
        Assert.Equal(UtilizationStatus.Warning, Utilization.Status(60, new UtilizationOptions(WarningPercent: 50, DangerPercent: 80)));
}
