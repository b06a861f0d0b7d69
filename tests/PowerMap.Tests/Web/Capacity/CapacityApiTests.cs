using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using PowerMap.Core.Analysis;
using PowerMap.Core.Data;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Capacity;

namespace PowerMap.Tests.Web.Capacity;

// The two-site installation of CapacityOverviewTests:
// DC1: P1 ─┬ Feed A (1840 VA, R1) ── PDU A ── Server PSU1 700 W   38.0 %, 76.1 % if B fails
//          ├ Feed B (1840 VA, R1) ── PDU B ── Server PSU2 700 W
//          └ Feed C (1840 VA, R2) ─────────── Single PSU 1700 W   92.4 %
// DC2: P2 ── Feed D (1840 VA, R3) ─────────── Small PSU 100 W
public class CapacityApiTests(CapacityApiTests.TwoSitesApp app) : IClassFixture<CapacityApiTests.TwoSitesApp>
{
    public sealed class TwoSitesApp : ApiFactory, IAsyncLifetime
    {
        public async ValueTask InitializeAsync()
        {
            var (inst, _) = PowerMap.Tests.Core.Analysis.CapacityOverviewTests.TwoSites();
            using var response = await ImportAsync(TopologyExporter.ExportJson(inst), "replace");
            response.EnsureSuccessStatusCode();
        }

        public TopologySnapshot Snapshot => Services.GetRequiredService<TopologyService>().Current;

        public int SiteId(string name) => Snapshot.Installation.SiteByName[name].Id;
    }

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Xlsx_Site_SheetsHoldTheReportNumbers()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/api/power/report.xlsx?site=dc1", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(CapacityExport.XlsxType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"powermap-report-dc1-{Today}.xlsx", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["Feeds", "Panels", "Racks", "Devices", "At risk", "Resilience"], MiniExcel.GetSheetNames(stream));

        var feeds = Sheet(stream, "Feeds");
        Assert.Equal(["Feed A", "Feed B", "Feed C"], feeds.Select(r => (string)r["Name"]!));
        var a = feeds[0];
        Assert.Equal((1840.0, 700.0, 38.0, 1400.0, 76.1, "Feed B (side B)"),
            (Convert.ToDouble(a["AvailableVoltAmps"]), Convert.ToDouble(a["AllocatedVoltAmps"]), Convert.ToDouble(a["Percent"]),
             Convert.ToDouble(a["N1AllocatedVoltAmps"]), Convert.ToDouble(a["N1Percent"]), (string)a["N1Cause"]!));
        var panel = Assert.Single(Sheet(stream, "Panels"));
        Assert.Equal(("P1", 3100.0, 5520.0, 56.2), ((string)panel["Name"]!, Convert.ToDouble(panel["AllocatedVoltAmps"]), Convert.ToDouble(panel["AvailableVoltAmps"]), Convert.ToDouble(panel["Percent"])));
        var racks = Sheet(stream, "Racks");
        Assert.Equal([("R1", 38.0, 76.1), ("R2", 92.4, 92.4)], racks.Select(r => ((string)r["Name"]!, Convert.ToDouble(r["Percent"]), Convert.ToDouble(r["N1Percent"]))));
        Assert.Equal(["Feed C", "R2", "Feed A", "Feed B", "R1"], Sheet(stream, "At risk").Select(r => (string)r["Name"]!));
        var devices = Sheet(stream, "Devices");
        var server = Assert.Single(devices, d => (string)d["Name"]! == "Server");
        Assert.Equal((1400.0, 1600.0, "partial"), (Convert.ToDouble(server["AllocatedWatts"]), Convert.ToDouble(server["MaximumWatts"]), (string)server["Redundancy"]!));

        // Headroom = available − allocated, VA: Feed A 1840 − 700; panel P1 5520 − 3100; rack R1 3680 − 1400.
        Assert.Equal(1140.0, Convert.ToDouble(a["HeadroomVoltAmps"]));
        Assert.Equal(2420.0, Convert.ToDouble(panel["HeadroomVoltAmps"]));
        Assert.Equal((1400.0, 3680.0, 2280.0), (Convert.ToDouble(racks[0]["AllocatedVoltAmps"]), Convert.ToDouble(racks[0]["AvailableVoltAmps"]), Convert.ToDouble(racks[0]["HeadroomVoltAmps"])));

        // Every cell of every sheet equals the row model the pages use, columns in the record's order.
        var dc1 = app.SiteId("DC1");
        AssertSheetEquals(CapacityRows.Feeds(app.Snapshot, dc1), feeds);
        AssertSheetEquals(CapacityRows.Panels(app.Snapshot, dc1), Sheet(stream, "Panels"));
        AssertSheetEquals(CapacityRows.Racks(app.Snapshot, dc1), racks);
        AssertSheetEquals(CapacityRows.Devices(app.Snapshot, dc1), devices);
        AssertSheetEquals(CapacityRows.AtRisk(app.Snapshot, CapacityOverview.Compute(app.Snapshot.Report, dc1)), Sheet(stream, "At risk"));
        AssertSheetEquals(CapacityRows.Resilience(app.Snapshot, dc1), Sheet(stream, "Resilience"));
    }

    // Every list's CSV parses back (CsvHelper, the same record) into exactly the rows the pages and the XLSX use.
    [Theory]
    [InlineData("feeds", null)]
    [InlineData("panels", null)]
    [InlineData("racks", null)]
    [InlineData("devices", null)]
    [InlineData("at-risk", null)]
    [InlineData("resilience", null)]
    [InlineData("feeds", "DC1")]
    [InlineData("racks", "DC2")]
    [InlineData("at-risk", "DC1")]
    [InlineData("resilience", "DC1")]
    public async Task Csv_EveryKind_ParsesBackToTheRows(string kind, string? site)
    {
        using var client = app.CreateClient();
        var text = await client.GetStringAsync($"/api/power/report.csv?kind={kind}{(site is null ? "" : "&site=" + site)}", TestContext.Current.CancellationToken);
        int? siteId = site is null ? null : app.SiteId(site);
        var snapshot = app.Snapshot;

        switch (kind)
        {
            case "feeds": AssertParsesBack(CapacityRows.Feeds(snapshot, siteId), text); break;
            case "panels": AssertParsesBack(CapacityRows.Panels(snapshot, siteId), text); break;
            case "racks": AssertParsesBack(CapacityRows.Racks(snapshot, siteId), text); break;
            case "devices": AssertParsesBack(CapacityRows.Devices(snapshot, siteId), text); break;
            case "at-risk": AssertParsesBack(CapacityRows.AtRisk(snapshot, CapacityOverview.Compute(snapshot.Report, siteId)), text); break;
            default: AssertParsesBack(CapacityRows.Resilience(snapshot, siteId), text); break;
        }
    }

    private static void AssertParsesBack<T>(IReadOnlyList<T> rows, string text)
    {
        using var reader = CsvReader.FromText(text, null);
        var parsed = reader.GetRecords<T>().ToList();
        Assert.NotEmpty(rows);
        Assert.Equal(rows, parsed);
        Assert.Equal(string.Join(',', typeof(T).GetProperties().Select(p => p.Name)), text.Split('\n')[0].TrimEnd('\r'));
    }

    [Fact]
    public async Task Csv_Feeds_ParsesBackToTheRows()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/api/power/report.csv?kind=feeds", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"powermap-feeds-all-sites-{Today}.csv", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var reader = CsvReader.FromText(text, null);
        var parsed = reader.GetRecords<FeedRow>().ToList();

        Assert.Equal(CapacityRows.Feeds(app.Snapshot, null), parsed);
        Assert.Equal(4, parsed.Count);
        var d = Assert.Single(parsed, f => f.Name == "Feed D");
        Assert.Equal(("DC2", 1840L, 100L, 1740L, 5.4), (d.Site, d.AvailableVoltAmps, d.AllocatedVoltAmps, d.HeadroomVoltAmps, d.Percent));
    }

    [Theory]
    [InlineData("racks", "Name,Site,Location")]
    [InlineData("at-risk", "Kind,Id,Name,Site,Percent,N1Percent,IfAFailsPercent,IfBFailsPercent,Severity,Why")]
    [InlineData("resilience", "Kind,Id,Name,Site,DevicesDown,WattsLost")]
    public async Task Csv_OtherKinds_HaveTheirHeader(string kind, string header)
    {
        using var client = app.CreateClient();
        var text = await client.GetStringAsync($"/api/power/report.csv?kind={kind}&site=DC1", TestContext.Current.CancellationToken);

        Assert.Contains(header, text.Split('\n')[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kind=cables", "kind")]
    [InlineData("", "kind")]
    [InlineData("kind=feeds&site=dc404", "site")]
    public async Task Csv_BadInput_400NamingTheField(string query, string field)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/api/power/report.csv?" + query, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    private static List<IDictionary<string, object?>> Sheet(Stream stream, string name)
    {
        stream.Position = 0;
        return MiniExcel.Query(stream, useHeaderRow: true, sheetName: name).Cast<IDictionary<string, object?>>().ToList();
    }

    private static void AssertSheetEquals<T>(IReadOnlyList<T> rows, List<IDictionary<string, object?>> sheet)
    {
        Assert.NotEmpty(rows);
        Assert.Equal(rows.Count, sheet.Count);
        var props = typeof(T).GetProperties();
        Assert.Equal(props.Select(p => p.Name), sheet[0].Keys);
        for (int i = 0; i < rows.Count; i++)
        {
            foreach (var p in props)
            {
                var expected = p.GetValue(rows[i]);
                var actual = sheet[i][p.Name];
                if (expected is null or "")
                {
                    Assert.True(actual is null or "", $"{p.Name} row {i}: {actual}");
                }
                else if (expected is string s)
                {
                    Assert.Equal(s, actual?.ToString());
                }
                else
                {
                    Assert.Equal(Convert.ToDouble(expected), Convert.ToDouble(actual), 6);
                }
            }
        }
    }
}
