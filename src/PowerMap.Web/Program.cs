using System.Text.Json;
using Microsoft.Extensions.FileProviders;
using MudBlazor.Services;
using PowerMap.Core.Data;
using PowerMap.Web;
using PowerMap.Web.Components;
using PowerMap.Web.Features;
using PowerMap.Web.Features.Dcim;
using PowerMap.Web.Features.ImportExport;
using PowerMap.Web.Features.Power;
using PowerMap.Web.Features.Topology;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddPowerMapCore(builder.Configuration.GetConnectionString("PowerMap"),
    builder.Configuration.GetValue("PowerMap:BusyTimeoutSeconds", PowerMapCoreServices.DefaultBusyTimeoutSeconds),
    builder.Configuration.GetValue("PowerMap:Synchronous", "NORMAL")!);
builder.Services.AddSingleton(new ImportOptions(builder.Configuration.GetValue("PowerMap:MaxImportBytes", ImportOptions.DefaultMaxImportBytes)));
builder.Services.AddMudServices();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
});

var app = builder.Build();

await app.Services.InitializePowerMapAsync(demoWhenEmpty: !CommandLine.IsCommand(args) && app.Configuration.GetValue("PowerMap:DemoData", true));
if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(app.Services, args);
}

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseApiProblems();
app.UseAntiforgery();

app.MapStaticAssets();
// Hand-written diagram JS/CSS from the repository's wwwroot-assets/, copied beside the app at build time.
app.UseStaticFiles(new StaticFileOptions
{
    FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot-assets")),
    RequestPath = "/assets",
});

app.MapOpenApi("/openapi/{documentName}.json");
app.MapPowerApi();
app.MapDcimApi();
app.MapTopologyApi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();
return 0;

/// <summary>Entry point marker for WebApplicationFactory.</summary>
public partial class Program;
