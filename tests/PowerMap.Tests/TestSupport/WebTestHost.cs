using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;

namespace PowerMap.Tests.TestSupport;

/// <summary>
/// bUnit with MudBlazor over the real Core services: a migrated temporary SQLite file (optionally holding the seed
/// example), its <see cref="TopologyService"/> and <see cref="DcimStore"/>, and MudBlazor's providers rendered so that
/// dialogs and popovers appear (in <see cref="Providers"/>' markup).
/// </summary>
public sealed class WebTestHost : IAsyncDisposable
{
    private WebTestHost(TestDatabase db, BunitContext context)
    {
        Db = db;
        Context = context;
    }

    public TestDatabase Db { get; }
    public BunitContext Context { get; }
    public IRenderedComponent<ContainerFragment> Providers { get; private set; } = null!;

    public Installation Inst => Db.Topology.Current.Installation;

    /// <summary>The signed-in user of the rendered components (an admin unless a test changes it).</summary>
    public Bunit.TestDoubles.BunitAuthorizationContext Auth { get; private set; } = null!;
    public DcimStore Store => Db.Store;

    public static async Task<WebTestHost> CreateAsync(bool seed = true)
    {
        var db = await TestDatabase.CreateAsync();
        if (seed)
        {
            var plan = await db.Store.ImportAsync(DemoData.SeedExampleJson(), ImportMode.Replace);
            Assert.True(plan.IsValid, plan.Errors.ToString());
        }
        var context = new BunitContext();
        var host = new WebTestHost(db, context);
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        // Components are tested as an admin sees them; tests of what a viewer sees set their own user.
        var auth = context.AddAuthorization();
        auth.SetAuthorized("test-admin");
        auth.SetRoles(PowerMap.Core.Data.Accounts.Roles.Admin);
        auth.SetPolicies(PowerMap.Web.Features.Accounts.Policies.Read, PowerMap.Web.Features.Accounts.Policies.Edit, PowerMap.Web.Features.Accounts.Policies.Admin);
        host.Auth = auth;
        context.Services.AddSingleton(db.Topology);
        context.Services.AddSingleton(db.Store);
        context.Services.AddSingleton(db.Services.GetRequiredService<PowerMap.Core.Data.ChangeLog.ChangeLogStore>());
        context.Services.AddSingleton(db.Services.GetRequiredService<PowerMap.Core.Data.History.LoadHistoryStore>());
        context.Services.AddSingleton(new PowerMap.Web.Features.ImportExport.ImportOptions());
        host.Providers = context.Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<MudDialogProvider>(1);
            b.CloseComponent();
            b.OpenComponent<MudSnackbarProvider>(2);
            b.CloseComponent();
        });
        return host;
    }

    /// <summary>Opens a dialog as a page would; its markup is in <see cref="Providers"/>.</summary>
    public async Task<IDialogReference> ShowAsync<TDialog>(string title, DialogParameters<TDialog>? parameters = null) where TDialog : IComponent
    {
        var dialogs = Context.Services.GetRequiredService<IDialogService>();
        var reference = await Providers.InvokeAsync(() => dialogs.ShowAsync<TDialog>(title, parameters ?? new DialogParameters<TDialog>()));
        Providers.WaitForAssertion(() => Assert.NotEmpty(Providers.FindAll(".mud-dialog")));
        return reference;
    }

    /// <summary>Picks an option of the MudSelect whose input has <paramref name="inputId"/>, as a click would.</summary>
    public async Task SelectAsync<T>(string inputId, string optionText)
    {
        var select = Providers.FindComponents<MudSelect<T>>().Single(s => s.Find("input").Id == inputId);
        await Providers.InvokeAsync(() => select.Instance.OpenMenu());
        Providers.WaitForAssertion(() => Assert.NotEmpty(Providers.FindAll(".mud-popover-open [role=option]")));
        Providers.FindAll(".mud-popover-open [role=option]").First(o => o.TextContent.Trim() == optionText).Click();
    }

    /// <summary>Renders as a signed-in viewer sees the app from now on: reading only.</summary>
    public void SignInAsViewer()
    {
        Auth.SetAuthorized("test-viewer");
        Auth.SetRoles(PowerMap.Core.Data.Accounts.Roles.Viewer);
        Auth.SetPolicies(PowerMap.Web.Features.Accounts.Policies.Read);
    }

    public PowerFeed Feed(string name) => Inst.PowerFeeds.Single(f => f.Name == name);

    public Device Device(string name) => Inst.Devices.Single(d => d.Name == name);

    /// <summary>
    /// Reserves a planned 400 W dual-corded server "New" in the seed's rack on PDU1/PDU2 Outlet 3 (200 W per PSU), as
    /// <c>/fit</c> does: Feed 1 then carries 470 + 200 = 670 VA with planned, 470 VA now.
    /// </summary>
    public async Task ReservePlannedServerAsync()
    {
        PowerOutlet Outlet3(string pdu) => Inst.PowerOutlets.Single(o => o.DeviceId == Device(pdu).Id && o.Name == "Outlet 3");
        var result = await Store.ReserveAsync(new Device { Name = "New", SiteId = Inst.Sites[0].Id, RackId = Inst.Racks[0].Id, Role = "server" },
            [new ReservedPsu(new PowerPort { Name = "PSU1", AllocatedDrawWatts = 200 }, Outlet3("PDU1").Id),
             new ReservedPsu(new PowerPort { Name = "PSU2", AllocatedDrawWatts = 200 }, Outlet3("PDU2").Id)]);
        Assert.True(result.IsOk, result.Message);
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await Db.DisposeAsync();
    }
}
