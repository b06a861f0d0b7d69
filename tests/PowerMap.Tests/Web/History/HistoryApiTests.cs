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
        Assert.Matches(@"powermap-history-feed-\d+-\d{4}-\d\d-\d\d\.csv", csv.Content.Headers.ContentDisposition!.FileName);
        using var reader = CsvReader.FromText(await csv.Content.ReadAsStringAsync(Ct), null);
        var rows = reader.GetRecords<PowerMap.Web.Features.History.SampleRow>().Where(r => r.Day.StartsWith("2099", StringComparison.Ordinal)).ToList();
        Assert.Equal(["2099-03-01", "2099-03-02", "2099-03-04"], rows.Select(r => r.Day));
        Assert.Equal([470L, 770L, 1070L], rows.Select(r => r.AllocatedVoltAmps));
        Assert.All(rows, r => Assert.Equal(("feed", feed, "Feed 1"), (r.Kind, r.Id, r.Name)));

        using var xlsx = await client.GetAsync($"/api/power/history.xlsx?kind=feed&id={feed}", Ct);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Ct));
        var sheet = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "History").Cast<IDictionary<string, object>>().Where(r => ((string)r["Day"]).StartsWith("2099", StringComparison.Ordinal)).ToList();
        Assert.Equal(1070.0, Convert.ToDouble(sheet[2]["AllocatedVoltAmps"], CultureInfo.InvariantCulture));
        Assert.Equal("2099-03-04", sheet[2]["Day"]);

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

/// <summary>The same tests on PostgreSQL.</summary>
public class HistoryApiTestsOnPostgres(HistoryApiTestsOnPostgres.PostgresSeedApp app) : HistoryApiTests(app), IClassFixture<HistoryApiTestsOnPostgres.PostgresSeedApp>
{
    public sealed class PostgresSeedApp : SeedApp
    {
        protected override bool OnPostgres => true;
    }
}
