using MudBlazor;
using PowerMap.Core.Dcim;

namespace PowerMap.Web.Components.Shared;

/// <summary>Opening PowerMap's form and confirmation dialogs the same way everywhere.</summary>
public static class DialogExtensions
{
    /// <summary>
    /// Escape cancels; a stray click outside does not lose the edits. (Each form's MudDialog sets DefaultFocus.None so
    /// that the focus trap leaves the focus on the first field's AutoFocus: keyboard users type at once.)
    /// </summary>
    public static DialogOptions FormOptions => new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false };

    /// <summary>Shows a form dialog and returns what it saved, or null when cancelled.</summary>
    public static async Task<TResult?> FormAsync<TForm, TResult>(this IDialogService dialogs, string title, DialogParameters<TForm>? parameters = null)
        where TForm : Microsoft.AspNetCore.Components.IComponent
        where TResult : class
    {
        var dialog = await dialogs.ShowAsync<TForm>(title, parameters ?? [], FormOptions);
        var result = await dialog.Result;
        return result is { Canceled: false, Data: TResult saved } ? saved : null;
    }

    /// <summary>Asks to confirm a delete (naming what goes with it) and deletes; true when deleted.</summary>
    public static async Task<bool> ConfirmDeleteAsync(this IDialogService dialogs, Entity item)
    {
        var parameters = new DialogParameters<ConfirmDeleteDialog> { { x => x.Item, item } };
        var dialog = await dialogs.ShowAsync<ConfirmDeleteDialog>("Delete", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        return result is { Canceled: false };
    }
}
