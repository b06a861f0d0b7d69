using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using PowerMap.Core.Data;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.ImportExport;

namespace PowerMap.Tests.Web.ImportExport;

public class ImportExportPageTests : IAsyncLifetime
{
    private WebTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WebTestHost.CreateAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void MergeOfExistingNames_ListsErrorsByJsonPath_ReplacePreviewsCounts_ThenImports()
    {
        var page = _host.Context.Render<ImportExportPage>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(DemoData.SeedExampleJson(), "seed.json"));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#import-preview-errors")));
        var firstError = page.Find("#import-errors tbody tr").TextContent;
        Assert.Contains("sites[0]", firstError);
        Assert.Contains("Site with this Name already exists.", firstError);

        page.Find("#import-mode-replace").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#import-preview-ok")));
        var counts = page.FindAll("#import-counts tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains("Power feeds2", counts);
        Assert.Contains("Cables6", counts);

        long revision = _host.Db.Topology.Current.Revision;
        page.Find("#import-run").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#import-done")));
        Assert.True(_host.Db.Topology.Current.Revision > revision);
        Assert.Equal(2, _host.Inst.PowerFeeds.Count);
    }

    [Fact]
    public void InvalidJson_IsReported()
    {
        var page = _host.Context.Render<ImportExportPage>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("{ not json", "bad.json"));

        page.WaitForAssertion(() => Assert.Contains("JSON parse error", page.Find("#import-errors").TextContent));
    }

    [Fact]
    public void DownloadLink_PointsAtTheExportApi()
    {
        var page = _host.Context.Render<ImportExportPage>();
        Assert.Equal("api/topology/export", page.Find("#export-download").GetAttribute("href"));
    }
}
