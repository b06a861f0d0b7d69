using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using MudBlazor;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Web.Components.Shared;

namespace PowerMap.Web.Features.ImportExport;

public partial class ImportExportPage
{
    private const int MaxErrorsShown = 200;

    [Inject] private DcimStore Store { get; set; } = null!;

    /// <summary>The largest document accepted (PowerMap:MaxImportBytes, as for the API).</summary>
    [Inject] private ImportOptions Options { get; set; } = null!;

    private long MaxBytes => Options.MaxImportBytes;

    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    private byte[]? _json;
    private string? _fileName;
    private long _fileBytes;
    private ImportMode _mode = ImportMode.Merge;
    private ImportPlan? _plan;
    private int _currentObjects;
    private List<(string Label, int Count)> _counts = [];
    private List<(string Path, string Message)> _errors = [];
    private int _errorCount;
    private string? _readError;
    private string? _done;
    private bool _busy;

    private async Task FileChangedAsync(IBrowserFile? file)
    {
        _plan = null;
        _done = null;
        _readError = null;
        _json = null;
        _fileName = file?.Name;
        _fileBytes = file?.Size ?? 0;
        if (file is null)
        {
            return;
        }
        if (file.Size > MaxBytes)
        {
            _readError = $"The file is larger than {Options.MaxImportText}.";
            return;
        }
        _busy = true;
        try
        {
            await using var stream = file.OpenReadStream(MaxBytes);
            var bytes = new MemoryStream((int)file.Size);
            await stream.CopyToAsync(bytes);
            _json = bytes.GetBuffer().Length == bytes.Length ? bytes.GetBuffer() : bytes.ToArray();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or JSException)
        {
            _readError = "The file could not be read: " + ex.Message;
            _busy = false;
            return;
        }
        await PreviewAsync();
    }

    private async Task ModeChangedAsync(ImportMode mode)
    {
        _mode = mode;
        _done = null;
        if (_json is not null)
        {
            await PreviewAsync();
        }
    }

    /// <summary>Validates the document against the current state (nothing is written).</summary>
    private async Task PreviewAsync()
    {
        _busy = true;
        StateHasChanged();
        try
        {
            var current = Topology.Current.Installation;
            var json = _json!;
            var mode = _mode;
            _plan = await Task.Run(() => TopologyImporter.Plan(current, json, mode));
            _currentObjects = current.ObjectCount;
            _counts = _plan.Added.GroupBy(e => e.GetType()).OrderBy(g => Order(g.Key)).Select(g => (Label(g.Key), g.Count())).ToList();
            _errors = _plan.Errors.SelectMany(kv => kv.Value.Select(m => (kv.Key, m))).Take(MaxErrorsShown).ToList();
            _errorCount = _plan.Errors.Sum(kv => kv.Value.Count);
        }
        finally
        {
            _busy = false;
        }
    }

    [CascadingParameter] private Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? AuthState { get; set; }

    private async Task ImportAsync()
    {
        if (_json is null)
        {
            return;
        }
        // Replacing everything is an admin's decision; the radio button is hidden from others, and this refuses it regardless.
        if (_mode == ImportMode.Replace && (AuthState is null || !(await AuthState).User.IsInRole(PowerMap.Core.Data.Accounts.Roles.Admin)))
        {
            _readError = "Only an admin may replace everything.";
            return;
        }
        _busy = true;
        try
        {
            var plan = await Store.ImportAsync(_json, _mode);
            if (plan.IsValid)
            {
                _done = $"Imported: {Format.Count(plan.Added.Count, "object")} {(_mode == ImportMode.Merge ? "added" : "loaded")}; the installation now has {Format.Count(Topology.Current.Installation.ObjectCount, "object")}.";
                Snackbar.Add(_done, Severity.Success);
                _plan = null;
                _json = null;
            }
            else
            {
                // The data changed since the preview: show why the import was refused.
                _plan = plan;
                _errors = plan.Errors.SelectMany(kv => kv.Value.Select(m => (kv.Key, m))).Take(MaxErrorsShown).ToList();
                _errorCount = plan.Errors.Sum(kv => kv.Value.Count);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private static readonly Type[] TypeOrder =
    [
        typeof(Site), typeof(Location), typeof(Rack), typeof(PowerPanel), typeof(PowerFeed), typeof(DeviceType), typeof(PowerPortTemplate),
        typeof(PowerOutletTemplate), typeof(Device), typeof(PowerPort), typeof(PowerOutlet), typeof(Interface), typeof(Cable),
    ];

    private static int Order(Type t) => Array.IndexOf(TypeOrder, t) is var i && i >= 0 ? i : TypeOrder.Length;

    private static string Label(Type t) => t.Name switch
    {
        nameof(PowerPanel) => "Power panels",
        nameof(PowerFeed) => "Power feeds",
        nameof(DeviceType) => "Device types",
        nameof(PowerPortTemplate) => "Power port templates",
        nameof(PowerOutletTemplate) => "Power outlet templates",
        nameof(PowerPort) => "Power ports",
        nameof(PowerOutlet) => "Power outlets",
        var n => n + "s",
    };
}
