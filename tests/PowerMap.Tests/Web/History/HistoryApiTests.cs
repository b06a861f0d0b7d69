using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using PowerMap.Core.Data;
using PowerMap.Core.Data.History;
using PowerMap.Tests.TestSupport;
using PowerMap.Tests.Web.Capacity;
using PowerMap.Web.Features.History;

namespace PowerMap.Tests.Web.History;

// The seed: Panel 1 ─ Feed 1 (2944 VA, R1) ─ PDU1 ─ Server PSU1 350 W + Router PSU1 120 W = 470 VA (16.0 %)
public class HistoryApiTests(HistoryApiTests.SeedApp app) : IClassFixture<HistoryApiTests.SeedApp>
{
    public class SeedApp : ApiFactory, IAsyncLifetime
    {
        public async ValueTask InitializeAsync()
        {
            using var response = await ImportAsync(PowerMap.Core.Data.DemoData.SeedExampleJson(), "replace");
            response.EnsureSuccessStatusCode();
        }

        public TopologySnapshot Snapshot => Services.GetRequiredService<TopologyService>().Current;

        public int Feed1 => Snapshot.Installation.PowerFeeds.Single(f => f.Name == "Feed 1").Id;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Snapshot_ThenHistory_GivesTheReportsNumbers()
    {
        using var client = app.CreateClient();

        using var taken = await client.PostAsync("/api/power/history/snapshot", null, Ct);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        var body = await taken.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), body.GetProperty("day").GetString());
        var inst = app.Snapshot.Installation;
        Assert.Equal(inst.PowerFeeds.Count + inst.Racks.Count + inst.PowerPanels.Count, body.GetProperty("count").GetInt32());

        var history = await app.GetJsonAsync($"/api/power/history?kind=feed&id={app.Feed1}");
        Assert.Equal("Feed 1", history.GetProperty("name").GetString());
        // Today's sample (another test of this class adds days in 2099 to the same feed, in any order).
        string day = body.GetProperty("day").GetString()!;
        var today = history.GetProperty("samples").EnumerateArray().Single(s => s.GetProperty("day").GetString() == day);
        Assert.Equal(470, today.GetProperty("allocated_volt_amps").GetInt64());
        Assert.Equal(2944, today.GetProperty("available_volt_amps").GetInt64());
        Assert.Equal(16.0, today.GetProperty("percent").GetDouble());
        Assert.Equal(2944, history.GetProperty("forecast").GetProperty("capacity_volt_amps").GetInt64());
    }

    [Fact]
    public async Task History_ThreeDays_ForecastAndExports()
    {
        var store = app.Services.GetRequiredService<LoadHistoryStore>();
        int feed = app.Feed1;
        // Three days of Feed 1 only, in 2099 so that the trend window (90 days before the latest) leaves out today's snapshot (a rack or panel without samples there is not asked for): 470, 770, 1070 VA on x = 0, 1, 3
        // → b = 192.857 VA/day, a = 512.857 VA; 75 % of 2944 = 2208 VA on day 9; 100 % on day 13 (LoadHistoryStoreTests)
        var d0 = new DateOnly(2099, 3, 1);
        await store.ReplaceDaysAsync([d0, d0.AddDays(1), d0.AddDays(3)],
        [
            Sample(d0, feed, 470), Sample(d0.AddDays(1), feed, 770), Sample(d0.AddDays(3), feed, 1070),
        ], Ct);

        var history = await app.GetJsonAsync($"/api/power/history?kind=FEED&id={feed}");
        var forecast = history.GetProperty("forecast");
        Assert.Equal(["2099-03-01", "2099-03-02", "2099-03-04"], history.GetProperty("samples").EnumerateArray().Select(x => x.GetProperty("day").GetString()).Where(d => d!.StartsWith("2099", StringComparison.Ordinal)));
        Assert.Equal(3, forecast.GetProperty("sample_count").GetInt32());
        Assert.Equal("crosses", forecast.GetProperty("warning").GetProperty("state").GetString());
        Assert.Equal("2099-03-10", forecast.GetProperty("warning").GetProperty("day").GetString());
        Assert.Equal("2099-03-14", forecast.GetProperty("full").GetProperty("day").GetString());

        using var client = app.CreateClient();
        using var csv = await client.GetAsync($"/api/power/history.csv?kind=feed&id={feed}", Ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal($"powermap-history-feed-{feed}-all-sites-{Today}.csv", csv.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        using var reader = CsvReader.FromText(await csv.Content.ReadAsStringAsync(Ct), null);
        var rows = reader.GetRecords<SampleRow>().Where(r => r.Day.StartsWith("2099", StringComparison.Ordinal)).ToList();
        Assert.Equal(["2099-03-01", "2099-03-02", "2099-03-04"], rows.Select(r => r.Day));
        Assert.Equal([470L, 770L, 1070L], rows.Select(r => r.AllocatedVoltAmps));
        Assert.All(rows, r => Assert.Equal(("feed", feed, "Feed 1", "DC1"), (r.Kind, r.Id, r.Name, r.Site)));
        // The object's forecast on each of its rows: b = 192.857 VA/day, 75 % on 2099-03-10, 100 % on 2099-03-14.
        Assert.All(rows, r => Assert.Equal((192.857, "2099-03-10", "2099-03-14"), (Math.Round(r.TrendVoltAmpsPerDay!.Value, 3), r.WarningCrossing, r.FullCrossing)));

        using var xlsx = await client.GetAsync($"/api/power/history.xlsx?kind=feed&id={feed}", Ct);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Ct));
        var sheet = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "History").Cast<IDictionary<string, object>>().Where(r => ((string)r["Day"]).StartsWith("2099", StringComparison.Ordinal)).ToList();
        Assert.Equal(1070.0, Convert.ToDouble(sheet[2]["AllocatedVoltAmps"], CultureInfo.InvariantCulture));
        Assert.Equal("2099-03-04", sheet[2]["Day"]);
        Assert.Equal(("2099-03-10", "2099-03-14"), (sheet[2]["WarningCrossing"], sheet[2]["FullCrossing"]));
        Assert.Equal(192.857, Math.Round(Convert.ToDouble(sheet[2]["TrendVoltAmpsPerDay"], CultureInfo.InvariantCulture), 3));

        using var all = await client.GetAsync("/api/power/history.csv", Ct);
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
    }

    [Theory]
    [InlineData("/api/power/history", "kind")]
    [InlineData("/api/power/history?kind=pdu&id=1", "kind")]
    [InlineData("/api/power/history?kind=feed", "id")]
    [InlineData("/api/power/history?kind=feed&id=abc", "id")]
    [InlineData("/api/power/history?kind=feed&id=-3", "id")]
    [InlineData("/api/power/history?kind=rack&id=999999", "id")]
    [InlineData("/api/power/history.csv?kind=panel", "id")]
    [InlineData("/api/power/history.xlsx?kind=x&id=1", "kind")]
    [InlineData("/api/power/history.csv?site=dc404", "site")]
    [InlineData("/api/power/crossings.xlsx?site=dc404", "site")]
    public async Task BadKindOrId_400_NamingTheField(string url, string field)
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Snapshot_ViewerToken_403_NothingTaken()
    {
        var store = app.Services.GetRequiredService<LoadHistoryStore>();
        var key = await TestAccounts.TokenAsync(app.Services, "history-viewer", PowerMap.Core.Data.Accounts.Roles.Viewer, writeEnabled: false);
        using var client = app.CreateClient(key);
        int before = (await store.AllAsync(Ct)).Count;

        using var response = await client.PostAsync("/api/power/history/snapshot", null, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, (await store.AllAsync(Ct)).Count);
        using var read = await client.GetAsync($"/api/power/history?kind=feed&id={app.Feed1}", Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    private static LoadSample Sample(DateOnly day, int feedId, long allocated) => new()
    {
        Day = day, Subject = PowerMap.Core.Analysis.CapacitySubject.PowerFeed, ObjectId = feedId, AllocatedVoltAmps = allocated, AvailableVoltAmps = 2944,
    };
}

// The history and crossings exports of the two-site installation of CapacityOverviewTests (DC1: Feeds A, B, C, racks R1, R2,
// panel P1; DC2: Feed D, rack R3, panel P2): ?site= keeps one site's objects and names the file after it.
public class HistoryExportTests(CapacityApiTests.TwoSitesApp app) : IClassFixture<CapacityApiTests.TwoSitesApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private int FeedId(string name) => app.Snapshot.Installation.PowerFeeds.Single(f => f.Name == name).Id;

    private static LoadSample Sample(DateOnly day, int feedId, long allocated) => new()
    {
        Day = day, Subject = PowerMap.Core.Analysis.CapacitySubject.PowerFeed, ObjectId = feedId, AllocatedVoltAmps = allocated, AvailableVoltAmps = 1840,
    };

    private static List<SampleRow> ParseSamples(string text)
    {
        using var reader = CsvReader.FromText(text, null);
        return reader.GetRecords<SampleRow>().ToList();
    }

    // Feed C (DC1): 1000, 1100, 1200 VA of 1840 on the last three days (today − 2 .. today): b = 100 VA/day, a = 1000 VA;
    // 75 % = 1380 VA at x = 3.8 → day 4 = today + 2; 100 % = 1840 VA at x = 8.4 → day 9 = today + 7. Feed D (DC2): 100 VA flat.
    private async Task<(DateOnly Today, int FeedC, int FeedD)> SeedDaysAsync()
    {
        var store = app.Services.GetRequiredService<LoadHistoryStore>();
        var today = LoadHistoryStore.Today();
        int c = FeedId("Feed C"), d = FeedId("Feed D");
        await store.ReplaceDaysAsync([today.AddDays(-2), today.AddDays(-1), today],
        [
            Sample(today.AddDays(-2), c, 1000), Sample(today.AddDays(-1), c, 1100), Sample(today, c, 1200),
            Sample(today.AddDays(-2), d, 100), Sample(today.AddDays(-1), d, 100), Sample(today, d, 100),
        ], Ct);
        await store.RefreshAsync(today, 75, Ct);
        return (today, c, d);
    }

    [Fact]
    public async Task HistoryCsv_Site_OnlyThatSitesObjects_WithTheirForecast()
    {
        var (today, feedC, feedD) = await SeedDaysAsync();
        using var client = app.CreateClient();

        using var dc2 = await client.GetAsync("/api/power/history.csv?site=dc2", Ct);
        Assert.Equal(HttpStatusCode.OK, dc2.StatusCode);
        Assert.Equal($"powermap-history-dc2-{Today}.csv", dc2.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var dc2Rows = ParseSamples(await dc2.Content.ReadAsStringAsync(Ct));
        Assert.Equal(3, dc2Rows.Count);
        Assert.All(dc2Rows, r => Assert.Equal(("feed", feedD, "Feed D", "DC2", 0.0, "", ""), (r.Kind, r.Id, r.Name, r.Site, r.TrendVoltAmpsPerDay!.Value, r.WarningCrossing, r.FullCrossing)));

        var dc1Rows = ParseSamples(await client.GetStringAsync("/api/power/history.csv?site=DC1", Ct));
        Assert.Equal([1000L, 1100L, 1200L], dc1Rows.Select(r => r.AllocatedVoltAmps));
        string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.All(dc1Rows, r => Assert.Equal(("Feed C", feedC, 100.0, Iso(today.AddDays(2)), Iso(today.AddDays(7))),
            (r.Name, r.Id, Math.Round(r.TrendVoltAmpsPerDay!.Value, 6), r.WarningCrossing, r.FullCrossing)));

        // Every sample, every site: the rows of both, and the XLSX holds the same cells.
        var allText = await client.GetStringAsync("/api/power/history.csv", Ct);
        var all = ParseSamples(allText);
        Assert.Equal(6, all.Count);
        Assert.Equal(dc1Rows.Concat(dc2Rows).OrderBy(r => r.Day).ThenBy(r => r.Id), all.OrderBy(r => r.Day).ThenBy(r => r.Id));
        var bytes = await client.GetByteArrayAsync("/api/power/history.xlsx", Ct);
        using var stream = new MemoryStream(bytes);
        var sheet = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "History").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(typeof(SampleRow).GetProperties().Select(p => p.Name), sheet[0].Keys);
        for (int i = 0; i < all.Count; i++)
        {
            Assert.Equal(all[i], new SampleRow((string)sheet[i]["Day"]!, (string)sheet[i]["Kind"]!, Convert.ToInt32(sheet[i]["Id"], CultureInfo.InvariantCulture),
                (string)sheet[i]["Name"]!, (string)sheet[i]["Site"]!, Convert.ToInt64(sheet[i]["AllocatedVoltAmps"], CultureInfo.InvariantCulture),
                Convert.ToInt64(sheet[i]["AvailableVoltAmps"], CultureInfo.InvariantCulture), Convert.ToDouble(sheet[i]["Percent"], CultureInfo.InvariantCulture),
                Convert.ToDouble(sheet[i]["TrendVoltAmpsPerDay"], CultureInfo.InvariantCulture), sheet[i]["WarningCrossing"] as string ?? "", sheet[i]["FullCrossing"] as string ?? ""));
        }
    }

    [Fact]
    public async Task Crossings_CsvAndXlsx_TheOverviewsList_BySite()
    {
        var (today, feedC, _) = await SeedDaysAsync();
        using var client = app.CreateClient();
        string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        using var csv = await client.GetAsync("/api/power/crossings.csv?site=dc1", Ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal($"powermap-crossings-dc1-{Today}.csv", csv.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        using var reader = CsvReader.FromText(await csv.Content.ReadAsStringAsync(Ct), null);
        var row = Assert.Single(reader.GetRecords<CrossingRow>().ToList());
        Assert.Equal(new CrossingRow("feed", feedC, "Feed C", "DC1", Iso(today), 65.2, 100.0, Iso(today.AddDays(2)), Iso(today.AddDays(7))),
            row with { TrendVoltAmpsPerDay = Math.Round(row.TrendVoltAmpsPerDay!.Value, 6) });

        using var dc2 = CsvReader.FromText(await client.GetStringAsync("/api/power/crossings.csv?site=dc2", Ct), null);
        Assert.Empty(dc2.GetRecords<CrossingRow>().ToList());

        using var xlsx = await client.GetAsync("/api/power/crossings.xlsx", Ct);
        Assert.Equal($"powermap-crossings-all-sites-{Today}.xlsx", xlsx.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Ct));
        var cells = Assert.Single(MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Crossings").Cast<IDictionary<string, object?>>().ToList());
        Assert.Equal(typeof(CrossingRow).GetProperties().Select(p => p.Name), cells.Keys);
        Assert.Equal(("Feed C", "DC1", Iso(today.AddDays(2)), Iso(today.AddDays(7)), 65.2),
            ((string)cells["Name"]!, (string)cells["Site"]!, (string)cells["WarningCrossing"]!, (string)cells["FullCrossing"]!, Convert.ToDouble(cells["LatestPercent"], CultureInfo.InvariantCulture)));
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public class HistoryApiTestsOnPostgres(HistoryApiTestsOnPostgres.PostgresSeedApp app) : HistoryApiTests(app), IClassFixture<HistoryApiTestsOnPostgres.PostgresSeedApp>
{
    public sealed class PostgresSeedApp : SeedApp
    {
        protected override bool OnPostgres => true;
    }
}
