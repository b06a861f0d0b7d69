using System.Diagnostics.Metrics;
using PowerMap.Core.Data;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Data;

// The meter PowerMap exports through OpenTelemetry: a write records its duration.
public class PowerMapTelemetryTests
{
    [Fact]
    public async Task Write_RecordsItsDuration_OnThePowerMapMeter()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await TestDatabase.CreateAsync();
        var durations = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PowerMapTelemetry.Name && instrument.Name == "powermap.write.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (durations)
            {
                durations.Add(value);
            }
        });
        listener.Start();

        Assert.True((await db.Store.ImportAsync(DemoData.SeedExampleJson(), ImportMode.Replace, ct)).IsValid);

        lock (durations)
        {
            Assert.NotEmpty(durations);
            Assert.All(durations, d => Assert.InRange(d, 0, 60));
        }
    }
}
