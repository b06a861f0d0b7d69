using Microsoft.AspNetCore.Components;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Web.Components.Shared;

namespace PowerMap.Web.Features.NetBox;

/// <summary>
/// The <c>import-netbox</c> command as a page: read a NetBox with progress, preview the counts and what an update in
/// place would change, then update in place or replace.
/// </summary>
public partial class NetBoxImportPage : IDisposable
{
    private const int MaxErrorsShown = 200;

    [Inject] private DcimStore Store { get; set; } = null!;
    [Inject] private TopologyService Topology { get; set; } = null!;
    [Inject] private ILogger<NetBoxImportPage> Logger { get; set; } = null!;

    private string? _url;
    private string? _token;
    private bool _busy;
    private double _progressPercent;
    private string? _progressText;
    private string? _error;
    private string? _done;
    private NetBoxRead? _read;
    private List<(string Path, string Message)> _errors = [];
    private string? _errorsTitle;
    private NetBoxSyncPlan? _plan;
    private bool _replaceValid;
    private IReadOnlyList<NetBoxSyncCount>? _doneCounts;
    private CancellationTokenSource? _cts;

    private sealed record NetBoxRead(string Document, NetBoxDocument.Counts Counts, string Version);

    private async Task ReadAsync()
    {
        _read = null;
        _error = null;
        _done = null;
        _doneCounts = null;
        _plan = null;
        _errors = [];
        _busy = true;
        _progressPercent = 0;
        _cts = new CancellationTokenSource();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var client = new NetBoxClient(http, _url!.Trim(), _token!.Trim());
            var progress = new Progress<NetBoxDocument.Step>(step => _ = InvokeAsync(() =>
            {
                _progressPercent = 100.0 * step.Done / step.Total;
                _progressText = $"Reading {step.What}…";
                StateHasChanged();
            }));
            var (document, counts, version) = await NetBoxDocument.ReadAsync(client, _cts.Token, progress);
            _read = new NetBoxRead(document, counts, version);
            // Both previews are pure: nothing is written until a button is pressed.
            var replace = TopologyImporter.Plan(Installation.Empty, document, ImportMode.Replace);
            _replaceValid = replace.IsValid;
            _plan = NetBoxSync.Plan(Topology.Current.Installation, document);
            ShowErrors(replace.IsValid ? _plan.Errors : replace.Errors, replace.IsValid
                ? "An update in place is not possible as things are (objects made in PowerMap are in the way); nothing was written. Replace everything is."
                : "PowerMap cannot take this data as it is; nothing was written.");
        }
        catch (NetBoxException ex)
        {
            _error = ex.Message;
        }
        catch (OperationCanceledException)
        {
            _error = "Cancelled.";
        }
        finally
        {
            _busy = false;
        }
    }

    private void Cancel() => _cts?.Cancel();

    private void ShowErrors(ValidationErrors errors, string title)
    {
        _errors = [.. errors.SelectMany(e => e.Value.Select(m => (e.Key, m))).Take(MaxErrorsShown)];
        _errorsTitle = title;
    }

    private Task UpdateInPlaceAsync() => WriteAsync(async read =>
    {
        var result = await Store.ImportNetBoxAsync(read.Document);
        if (result.IsOk)
        {
            _done = $"Updated in place from NetBox {read.Version}: {result.Created} created, {result.Updated} updated, {result.Deleted} deleted.";
            _doneCounts = result.Counts;
        }
        else
        {
            ShowErrors(result.Errors.IsValid ? new ValidationErrors().Add(ValidationErrors.NonField, result.Message ?? "") : result.Errors,
                "The update was refused; nothing was written.");
        }
    });

    private Task ReplaceAsync() => WriteAsync(async read =>
    {
        var plan = await Store.ImportAsync(read.Document, ImportMode.Replace);
        if (plan.IsValid)
        {
            _done = $"Imported {Format.Count(plan.Added.Count, "object")} from NetBox {read.Version}.";
        }
        else
        {
            ShowErrors(plan.Errors, "PowerMap cannot take this data as it is; nothing was written.");
        }
    });

    private async Task WriteAsync(Func<NetBoxRead, Task> write)
    {
        if (_read is null)
        {
            return;
        }
        _busy = true;
        _errors = [];
        try
        {
            await write(_read);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Import from NetBox failed");
            _error = "The import failed: " + ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private static IEnumerable<(string Label, int Count)> Rows(NetBoxDocument.Counts c) =>
    [
        ("Sites", c.Sites), ("Locations", c.Locations), ("Racks", c.Racks), ("Power panels", c.PowerPanels), ("Power feeds", c.PowerFeeds),
        ("Manufacturers", c.Manufacturers), ("Device roles", c.DeviceRoles), ("Device types", c.DeviceTypes),
        ("Devices", c.Devices), ("Power ports", c.PowerPorts), ("Power outlets", c.PowerOutlets), ("Power cables", c.Cables),
    ];

    public void Dispose()
    {
        _cts?.Cancel();
        _cts?.Dispose();
    }
}
