using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using PowerMap.Core.Data;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Capacity;

namespace PowerMap.Tests.Web.Capacity;

// The seed + a planned 400 W dual-corded server reserved on PDU1/PDU2 Outlet 3 through the API:
//   Feed 1 with planned 470 + 200 = 670 VA (22.8 %), now 470 VA (16.0 %)
public class CapacityApiPlannedTests(CapacityApiPlannedTests.PlannedApp app) : IClassFixture<CapacityApiPlannedTests.PlannedApp>
{
    public sealed class PlannedApp : ApiFactory, IAsyncLifetime
    {
        public async ValueTask InitializeAsync()
        {
            using (var imported = await ImportAsync(PowerMap.Core.Data.DemoData.SeedExampleJson(), "replace"))
            {
                imported.EnsureSuccessStatusCode();
            }
            var inst = Services.GetRequiredService<TopologyService>().Current.Installation;
            int Outlet3(string pdu) => inst.PowerOutlets.Single(o => o.DeviceId == inst.Devices.Single(d => d.Name == pdu).Id && o.Name == "Outlet 3").Id;
            using var client = CreateClient();
            using var reserved = await client.PostAsJsonAsync("/api/power/fit/reserve",
                new { name = "Planned web", allocated_draw = 400, outlets = new[] { Outlet3("PDU1"), Outlet3("PDU2") } });
            Assert.Equal(HttpStatusCode.Created, reserved.StatusCode);
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(List<FeedRow> Rows, string? FileName)> FeedsAsync(string query)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/api/power/report.csv?kind=feeds" + query, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = CsvReader.FromText(await response.Content.ReadAsStringAsync(Ct), null);
        return (reader.GetRecords<FeedRow>().ToList(), response.Content.Headers.ContentDisposition?.FileName);
    }

    [Fact]
    public async Task Csv_DefaultAndInclude_WithPlanned_Exclude_Now()
    {
        var (with, withName) = await FeedsAsync("");
        var (include, _) = await FeedsAsync("&planned=include");
        var (now, nowName) = await FeedsAsync("&planned=exclude");

        Assert.Equal(670, with.Single(f => f.Name == "Feed 1").AllocatedVoltAmps);
        Assert.Equal(with, include);
        Assert.Equal(470, now.Single(f => f.Name == "Feed 1").AllocatedVoltAmps);
        Assert.Equal(16.0, now.Single(f => f.Name == "Feed 1").Percent);
        Assert.DoesNotContain("-now-", withName);
        Assert.Contains("powermap-feeds-now-all-sites-", nowName);
    }

    [Fact]
    public async Task Xlsx_Exclude_DevicesSheetWithoutThePlannedDevice()
    {
        using var client = app.CreateClient();

        var with = await client.GetByteArrayAsync("/api/power/report.xlsx?kind=devices", Ct);
        var now = await client.GetByteArrayAsync("/api/power/report.xlsx?kind=devices&planned=exclude", Ct);

        static List<string?> Names(byte[] bytes)
        {
            using var stream = new MemoryStream(bytes);
            return MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Devices").Cast<IDictionary<string, object?>>().Select(r => r["Name"]?.ToString()).ToList();
        }
        Assert.Contains("Planned web", Names(with));
        Assert.DoesNotContain("Planned web", Names(now));
        Assert.Contains("Server", Names(now));
    }

    [Theory]
    [InlineData("/api/power/report.csv?kind=feeds&planned=later")]
    [InlineData("/api/power/report.xlsx?planned=yes")]
    public async Task UnknownPlanned_400_NamingTheField(string url)
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("planned", out _), problem.ToString());
    }
}
