using System.Text.Json;
using Microsoft.Extensions.FileProviders;
using MudBlazor.Services;
using PowerMap.Core.Data;
using PowerMap.Web;
using PowerMap.Web.Components;
using PowerMap.Web.Features;
using PowerMap.Web.Features.Accounts;
using PowerMap.Web.Features.Capacity;
using PowerMap.Web.Features.Changes;
using PowerMap.Web.Features.Dcim;
using PowerMap.Web.Features.History;
using PowerMap.Web.Features.ImportExport;
using PowerMap.Web.Features.Operations;
using PowerMap.Web.Features.Power;
using PowerMap.Web.Features.Topology;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
// While the database is opened and migrated, a failure is reported by one line below, not also by EF's own log lines.
bool starting = true;
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database", level => !starting && level >= LogLevel.Warning);

PowerMap.Core.Power.UtilizationOptions thresholds;
Microsoft.AspNetCore.Builder.ForwardedHeadersOptions forwardedHeaders;
(PowerMap.Core.Data.Providers.DatabaseProvider Provider, string? ConnectionString) database;
try
{
    database = DatabaseSettings.Read(builder.Configuration);
    thresholds = ThresholdSettings.Read(builder.Configuration);
    forwardedHeaders = ReverseProxySettings.Read(builder.Configuration);
}
catch (InvalidOperationException ex)
{
    await Console.Error.WriteLineAsync("Invalid configuration: " + ex.Message);
    return 1;
}

builder.Services.AddPowerMapCore(database.ConnectionString,
    builder.Configuration.GetValue("PowerMap:BusyTimeoutSeconds", PowerMapCoreServices.DefaultBusyTimeoutSeconds),
    builder.Configuration.GetValue("PowerMap:Synchronous", "NORMAL")!,
    database.Provider);
builder.Services.AddSingleton(new ImportOptions(builder.Configuration.GetValue("PowerMap:MaxImportBytes", ImportOptions.DefaultMaxImportBytes)));
builder.AddPowerMapAccounts();
builder.Services.AddMudServices();
builder.Services.AddHostedService<ChangeLogRetention>();
builder.Services.AddHostedService<RevisionFollower>();
builder.Services.AddHostedService<RevisionRetention>();
builder.Services.AddHostedService<PowerMap.Web.Features.Power.AnalysisWarmer>();
if (LoadHistorySnapshots.Enabled(builder.Configuration))
{
    builder.Services.AddHostedService<LoadHistorySnapshots>();
}
builder.AddPowerMapTelemetry();
builder.Services.AddPowerMapHealthChecks();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
});

var app = builder.Build();
app.Services.GetRequiredService<TopologyService>().Thresholds = thresholds;

try
{
    await app.Services.InitializePowerMapAsync(demoWhenEmpty: !CommandLine.IsCommand(args) && app.Configuration.GetValue("PowerMap:DemoData", true));
    if (!CommandLine.IsCommand(args))
    {
        await app.Services.EnsureFirstAdminAsync();
    }
}
catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or UnauthorizedAccessException or InvalidOperationException)
{
    // One clear line, not a stack trace: the usual causes are a path that does not exist or a read-only file.
    app.Logger.LogCritical("Cannot open or write the database ({ConnectionString}): {Message}",
        DatabaseSettings.Redacted(database.ConnectionString ?? PowerMapCoreServices.DefaultConnectionString), ex.GetBaseException().Message);
    await app.DisposeAsync(); // flushes the console logger's queue before the process ends
    return 1;
}
starting = false;
if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(app.Services, args);
}

// First: behind nginx every later step (HTTPS redirection, cookies, the API's absolute URLs) sees the browser's scheme.
app.UseForwardedHeaders(forwardedHeaders);
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
    app.UseHttpsRedirection();
}
app.UseSecurityHeaders();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseApiProblems();
app.UseNetBoxApiVersion();
// Hand-written diagram JS/CSS from the repository's wwwroot-assets/, copied beside the app at build time.
app.UseStaticFiles(new StaticFileOptions
{
    FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot-assets")),
    RequestPath = "/assets",
});
app.UsePowerMapAccounts();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();

app.MapOpenApi("/openapi/{documentName}.json");
app.MapPowerApi();
app.MapAnalysisApi();
app.MapCapacityApi();
app.MapFitApi();
app.MapPlannedApi();
app.MapHistoryApi();
app.MapTraceApi();
app.MapDcimApi();
app.MapStatusApi();
app.MapTopologyApi();
app.MapAccountEndpoints();
app.MapChangesApi();
app.MapApiRoot();
app.MapTokensApi();
app.MapPowerMapHealthChecks();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();
return 0;

/// <summary>Entry point marker for WebApplicationFactory.</summary>
public partial class Program;
