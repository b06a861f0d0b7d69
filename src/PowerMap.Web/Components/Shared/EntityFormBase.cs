using Microsoft.AspNetCore.Components;
using MudBlazor;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;

namespace PowerMap.Web.Components.Shared;

/// <summary>
/// The behaviour every create/edit dialog shares: edit a private copy of the object, remember the version it was loaded
/// with and send it as <c>expectedVersion</c>; show the server's errors on their fields; on a version conflict load the
/// stored values and say so (nothing is overwritten silently); close with the saved object.
/// </summary>
public abstract class EntityFormBase<T> : ComponentBase where T : Entity, new()
{
    public const string ConflictMessage = "Changed by someone else — here are the latest values. Review them and save again.";
    public const string DeletedMessage = "This object was deleted by someone else. Close this form.";

    [CascadingParameter] protected IMudDialogInstance Dialog { get; set; } = null!;

    [Inject] protected DcimStore Store { get; set; } = null!;

    [Inject] protected TopologyService Topology { get; set; } = null!;

    /// <summary>The object to edit; null creates a new one.</summary>
    [Parameter] public T? Item { get; set; }

    protected T Model { get; set; } = null!;

    /// <summary>The version the form was loaded with (null when creating).</summary>
    protected int? LoadedVersion { get; private set; }

    protected bool IsNew => Item is null;

    protected bool Saving { get; private set; }

    /// <summary>Shown above the fields after a version conflict or when the object is gone.</summary>
    protected string? Notice { get; private set; }

    protected FormErrors Errors { get; private set; } = null!;

    protected Installation Inst => Topology.Current.Installation;

    /// <summary>A site's name for a select's display, "" when unknown.</summary>
    protected string SiteName(int id) => Inst.SiteById.TryGetValue(id, out var s) ? s.Name : "";

    /// <summary>A rack's display name for a select, "" when none or unknown.</summary>
    /// <summary>A rack as NetBox shows it, with its location (racks of one name may sit in two locations of a site).</summary>
    protected string RackName(int? id) =>
        id is { } v && Inst.RackById.TryGetValue(v, out var r)
            ? r.LocationId is { } l && Inst.LocationById.TryGetValue(l, out var location) ? $"{r} · {location.Name}" : r.ToString()
            : "";

    /// <summary>The snake_case field keys this form shows next to an input.</summary>
    protected abstract IReadOnlyList<string> Fields { get; }

    protected override void OnInitialized()
    {
        Errors = new FormErrors([.. Fields]);
        Model = Item is null ? CreateNew() : EntityCopy.Of(Item);
        LoadedVersion = Item?.Version;
    }

    /// <summary>A new object with its defaults (and the parent the dialog was opened from).</summary>
    protected virtual T CreateNew() => new();

    /// <summary>The write; a form overrides it when saving is more than one <see cref="DcimStore.SaveAsync{T}"/>.</summary>
    protected virtual Task<WriteResult<T>> WriteAsync(T candidate) => Store.SaveAsync(candidate, LoadedVersion);

    /// <summary>Called after the model was replaced by the stored values (version conflict).</summary>
    protected virtual void OnModelReloaded()
    {
    }

    protected async Task SaveAsync()
    {
        if (Saving)
        {
            return;
        }
        Saving = true;
        try
        {
            // The store keeps what it is given as the new snapshot's object: hand it a copy, never the form's model.
            var result = await WriteAsync(EntityCopy.Of(Model));
            switch (result.Status)
            {
                case WriteStatus.Ok:
                    Notice = null;
                    Dialog.Close(DialogResult.Ok(result.Current));
                    return;
                case WriteStatus.Invalid:
                    Errors.Set(result.Errors);
                    break;
                case WriteStatus.VersionConflict when result.Current is not null:
                    Model = EntityCopy.Of(result.Current);
                    LoadedVersion = result.Current.Version;
                    Errors.Clear();
                    Notice = ConflictMessage;
                    OnModelReloaded();
                    break;
                case WriteStatus.NotFound:
                    Errors.Clear();
                    Notice = DeletedMessage;
                    break;
                default:
                    Errors.SetGeneral(result.Message ?? result.Status.ToString());
                    break;
            }
        }
        finally
        {
            Saving = false;
        }
    }

    protected void Cancel() => Dialog.Cancel();

    /// <summary>A nullable int from a select, 0 meaning none.</summary>
    protected static int? NullIfZero(int? value) => value is 0 ? null : value;

    /// <summary>Empty text as null (optional fields such as a label or a connector type).</summary>
    protected static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
