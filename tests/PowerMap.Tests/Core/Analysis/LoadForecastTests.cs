using PowerMap.Core.Analysis;

namespace PowerMap.Tests.Core.Analysis;

public class LoadForecastTests
{
    private static readonly DateOnly Nov1 = new(2026, 11, 1);

    private static LoadPoint P(int day, long allocated, long available = 10_000) => new(Nov1.AddDays(day), allocated, available);

    // x = days since Nov 1: (0, 4000) (1, 4600) (3, 5200), capacity 10 000 VA.
    // x̄ = 4/3, ȳ = 4600; Σdx·dy = (−4/3)(−600) + 0 + (5/3)(600) = 1800; Σdx² = 16/9 + 1/9 + 25/9 = 14/3
    // b = 1800 / (14/3) = 385.714 VA/day; a = 4600 − b·4/3 = 4085.714 VA
    // 75 %: (7500 − 4085.714) / 385.714 = 8.85 → day 9 = Nov 10;  100 %: (10000 − 4085.714) / 385.714 = 15.33 → day 16 = Nov 17
    [Fact]
    public void ThreeSamples_LeastSquaresTrend_CrossingDaysByHand()
    {
        var f = LoadForecast.Compute([P(3, 5200), P(0, 4000), P(1, 4600)], 75);

        Assert.Equal(3, f.SampleCount);
        Assert.Equal(Nov1, f.Origin);
        Assert.Equal(1800 / (14.0 / 3), f.SlopeVoltAmpsPerDay!.Value, 6);
        Assert.Equal(4600 - 1800 / (14.0 / 3) * 4 / 3, f.InterceptVoltAmps!.Value, 6);
        Assert.Equal(10_000, f.CapacityVoltAmps);
        Assert.Equal(new ThresholdCrossing(75, CrossingState.Crosses, new DateOnly(2026, 11, 10)), f.Warning);
        Assert.Equal(new ThresholdCrossing(100, CrossingState.Crosses, new DateOnly(2026, 11, 17)), f.Full);
        Assert.Equal(4085.714 + 385.714 * 3, f.TrendAt(Nov1.AddDays(3))!.Value, 2);
    }

    [Fact]
    public void ASettingOf60_CrossesEarlier()
    {
        // 60 %: (6000 − 4085.714) / 385.714 = 4.96 → day 5 = Nov 6
        var f = LoadForecast.Compute([P(0, 4000), P(1, 4600), P(3, 5200)], 60);

        Assert.Equal(new DateOnly(2026, 11, 6), f.Warning.Day);
    }

    [Fact]
    public void OneSample_NoTrend_NoCrossing()
    {
        var f = LoadForecast.Compute([P(0, 4000)], 75);

        Assert.Null(f.SlopeVoltAmpsPerDay);
        Assert.Equal(CrossingState.None, f.Warning.State);
        Assert.Equal(CrossingState.None, f.Full.State);
        Assert.Null(f.TrendAt(Nov1));
    }

    [Theory]
    [InlineData(5000, 5000)] // flat
    [InlineData(5000, 4000)] // falling
    public void FlatOrFallingTrend_NoCrossing(long first, long last)
    {
        var f = LoadForecast.Compute([P(0, first), P(2, last)], 75);

        Assert.Equal(CrossingState.None, f.Warning.State);
        Assert.Equal(CrossingState.None, f.Full.State);
    }

    [Fact]
    public void LatestAtOrOverAThreshold_AlreadyOver()
    {
        // latest 80.0 % ≥ 75: already over the warning; 100 % still ahead: b = 1000, a = 7000 → (10000 − 7000)/1000 = day 3
        var f = LoadForecast.Compute([P(0, 7000), P(1, 8000)], 75);

        Assert.Equal(CrossingState.AlreadyOver, f.Warning.State);
        Assert.Equal(new ThresholdCrossing(100, CrossingState.Crosses, Nov1.AddDays(3)), f.Full);
    }

    [Fact]
    public void Upcoming_KeepsOnlyCrossingsWithinTheHorizon_EarliestFirst()
    {
        // feed 1 crosses 75 % on Nov 10 (case above); feed 2 rises 10 VA/day from 10 %: 75 % in 650 days; rack 3 is flat.
        var samples = new List<(CapacitySubject, int, LoadPoint)>
        {
            (CapacitySubject.PowerFeed, 1, P(0, 4000)), (CapacitySubject.PowerFeed, 1, P(1, 4600)), (CapacitySubject.PowerFeed, 1, P(3, 5200)),
            (CapacitySubject.PowerFeed, 2, P(0, 1000)), (CapacitySubject.PowerFeed, 2, P(3, 1030)),
            (CapacitySubject.Rack, 3, P(0, 5000)), (CapacitySubject.Rack, 3, P(3, 5000)),
        };

        var upcoming = LoadHistory.Upcoming(samples, Nov1.AddDays(3), 90, 75);

        var only = Assert.Single(upcoming);
        Assert.Equal((CapacitySubject.PowerFeed, 1), (only.Subject, only.Id));
        Assert.Equal(new DateOnly(2026, 11, 10), only.Next.Day);
        Assert.Equal(5200, only.Latest.AllocatedVoltAmps);
    }
}
