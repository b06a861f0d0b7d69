using MudBlazor;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Web.Components.Shared;

namespace PowerMap.Web.Features.Cables;

/// <summary>The one-click actions on a termination's cable.</summary>
public static class CableActions
{
    /// <summary>Deletes the cable attached to (kind, id), at the version shown; reports a refusal in a snackbar.</summary>
    public static async Task DisconnectAsync(DcimStore store, ISnackbar snackbar, Installation inst, TerminationKind kind, int id)
    {
        if (!inst.CableOf.TryGetValue((kind, id), out var link))
        {
            return;
        }
        var result = await store.DeleteAsync<Cable>(link.Cable.Id, link.Cable.Version);
        switch (result.Status)
        {
            case WriteStatus.Ok:
                snackbar.Add($"Disconnected {Describe.Cable(inst, link.Cable)}", Severity.Success);
                break;
            case WriteStatus.NotFound:
                snackbar.Add("Already disconnected by someone else.", Severity.Info);
                break;
            default:
                snackbar.Add(result.Status == WriteStatus.VersionConflict
                    ? "The cable was changed by someone else — the page now shows the latest values; try again."
                    : result.Message ?? "The cable could not be deleted.", Severity.Warning);
                break;
        }
    }
}
