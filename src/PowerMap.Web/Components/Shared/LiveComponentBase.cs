using Microsoft.AspNetCore.Components;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;

namespace PowerMap.Web.Components.Shared;

/// <summary>
/// A page or panel that shows the current topology and follows it: it subscribes to <see cref="TopologyService.Changed"/>,
/// takes every newer snapshot on its own circuit (InvokeAsync), rebuilds its view in <see cref="OnSnapshot"/> and
/// re-renders, so an edit made in any browser or through the API appears in every open page at once.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    private bool _disposed;

    [Inject] protected TopologyService Topology { get; set; } = null!;

    protected TopologySnapshot Snapshot { get; private set; } = null!;

    protected Installation Inst => Snapshot.Installation;

    protected PowerReport Report => Snapshot.Report;

    protected override void OnInitialized()
    {
        Topology.Changed += OnTopologyChanged;
        Snapshot = Topology.Current;
    }

    /// <summary>Rebuilds the view after the first load, a parameter change (another id in the route) and every new snapshot.</summary>
    protected override void OnParametersSet() => OnSnapshot();

    /// <summary>Build rows, look-ups and formatted values from <see cref="Snapshot"/> here.</summary>
    protected virtual void OnSnapshot()
    {
    }

    private void OnTopologyChanged(TopologySnapshot snapshot) => _ = ApplyAsync(snapshot);

    private async Task ApplyAsync(TopologySnapshot snapshot)
    {
        try
        {
            await InvokeAsync(() =>
            {
                if (_disposed || snapshot.Revision <= Snapshot.Revision)
                {
                    return;
                }
                Snapshot = snapshot;
                OnSnapshot();
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The circuit is gone; Dispose unsubscribes.
        }
    }

    public void Dispose()
    {
        _disposed = true;
        Topology.Changed -= OnTopologyChanged;
        GC.SuppressFinalize(this);
    }
}
