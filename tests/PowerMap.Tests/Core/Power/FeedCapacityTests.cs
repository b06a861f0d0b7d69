using PowerMap.Core.Dcim;
using PowerMap.Core.Power;

namespace PowerMap.Tests.Core.Power;

// available_power = round(|V| × A × (max% / 100) [× 1.732 for three-phase]), power-model.md §2.
public class FeedCapacityTests
{
    [Theory]
    [InlineData(120, 15, 80, Choices.SinglePhase, 1440)]
    [InlineData(230, 16, 80, Choices.SinglePhase, 2944)]
    [InlineData(208, 30, 80, Choices.ThreePhase, 8646)]
    [InlineData(400, 32, 80, Choices.ThreePhase, 17736)]
    [InlineData(-48, 60, 100, Choices.SinglePhase, 2880)]
    [InlineData(110, 5, 75, Choices.SinglePhase, 412)]
    [InlineData(110, 25, 55, Choices.SinglePhase, 1513)]
    [InlineData(1, 1, 1, Choices.SinglePhase, 0)]
    [InlineData(32767, 32767, 100, Choices.ThreePhase, 1859607333)]
    public void AvailableVoltAmps_MatchesNetBox(int voltage, int amperage, int maxUtilization, string phase, long expected) =>
        Assert.Equal(expected, FeedCapacity.AvailableVoltAmps(voltage, amperage, maxUtilization, phase));

    [Fact]
    public void AvailableVoltAmps_OfDefaults_Is1440()
    {
        var feed = new PowerFeed();
        Assert.Equal(1440, FeedCapacity.AvailableVoltAmps(feed));
    }
}
