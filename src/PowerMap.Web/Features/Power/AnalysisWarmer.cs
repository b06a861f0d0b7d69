using System.Threading.Channels;
using PowerMap.Core.Analysis;
using PowerMap.Core.Data;
using PowerMap.Core.Power;

namespace PowerMap.Web.Features.Power;

/// <summary>
/// Computes the analyses that are cached per snapshot — the N−1 sweep behind redundancy, headroom, the overview and the
/// Resilience page, the ratings, the consistency warnings and the overview's per-side failures of racks at risk — in the background once the data has been quiet for a
/// second after a change (and at start), so the first reader after an edit finds them ready instead of paying for the
/// sweep (about 0.8 s at XL). A reader that comes first simply waits for the same computation (the caches are lazy,
/// one computation per snapshot). <c>Analysis:WarmInBackground=false</c> turns it off.
/// </summary>
public sealed class AnalysisWarmer(TopologyService topology, IConfiguration configuration, ILogger<AnalysisWarmer> logger) : BackgroundService
{
    /// <summary>
    /// How long the data must stay unchanged before the sweep starts. A burst of edits (a script, a form saved twice,
    /// an editor working through a rack) is not swept edit by edit: on a small machine a sweep of a large installation
    /// would take a core and the garbage collector away from the live diagram updates of those edits (the browser
    /// benchmark's edit → update went from 227 ms to 452 ms with a 250 ms quiet period on 220,000 objects).
    /// </summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    /// <summary>The first warm-up waits this long after start, so that the sweep (about 1 s of CPU at XL) does not delay readiness.</summary>
    private static readonly TimeSpan StartDelay = TimeSpan.FromSeconds(3);
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Analysis:WarmInBackground", true))
        {
            return;
        }
        void OnChanged(TopologySnapshot _) => _changes.Writer.TryWrite(true);
        topology.Changed += OnChanged;
        try
        {
            await Task.Delay(StartDelay, stoppingToken);
            _changes.Writer.TryWrite(true);
            while (await _changes.Reader.WaitToReadAsync(stoppingToken))
            {
                _changes.Reader.TryRead(out _);
                await Task.Delay(Quiet, stoppingToken);
                if (_changes.Reader.TryPeek(out _))
                {
                    continue; // still changing: warm the snapshot that settles
                }
                try
                {
                    Warm(topology.Current);
                }
                catch (InvalidOperationException)
                {
                    // not loaded yet: the load publishes a snapshot and wakes us again
                }
                catch (Exception ex)
                {
                    logger.LogWarning("Warming the analyses failed: {Message}", ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        finally
        {
            topology.Changed -= OnChanged;
        }
    }

    /// <summary>Fills the per-report caches of <paramref name="snapshot"/>.</summary>
    public static void Warm(TopologySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        FailureAnalysis.For(snapshot.Report).Resilience();
        RatingReport.For(snapshot.Report);
        ConsistencyWarnings.For(snapshot.Installation, snapshot.Report);
        // The overview's "if A fails / if B fails" of every rack at risk (cached per analysis), now and with planned.
        CapacityOverview.Compute(snapshot.Report);
        if (PlannedChanges.WithoutPlanned(snapshot.Report) is var now && !ReferenceEquals(now, snapshot.Report))
        {
            FailureAnalysis.For(now).Resilience();
            CapacityOverview.Compute(now);
        }
    }
}
