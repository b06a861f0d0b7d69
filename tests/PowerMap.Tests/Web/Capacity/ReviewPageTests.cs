using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PowerMap.Core.Analysis;
using PowerMap.Core.Data.History;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Capacity;

namespace PowerMap.Tests.Web.Capacity;

// The review pack carries the overview's "crosses in the next 90 days": the seed's Feed 1 (2944 VA) at 1000, 1500, 2000 VA
// on the last three days (+500 VA/day) crosses 75 % (2208 VA) tomorrow and 100 % in two days.
public class ReviewPageTests : IAsyncLifetime
{
    private WebTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WebTestHost.CreateAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReviewPack_ListsWhatCrossesInTheNext90Days()
    {
        var store = _host.Db.Services.GetRequiredService<LoadHistoryStore>();
        int feed1 = _host.Inst.PowerFeeds.Single(f => f.Name == "Feed 1").Id;
        var today = LoadHistoryStore.Today();
        LoadSample Sample(int daysAgo, long allocated) =>
            new() { Day = today.AddDays(-daysAgo), Subject = CapacitySubject.PowerFeed, ObjectId = feed1, AllocatedVoltAmps = allocated, AvailableVoltAmps = 2944 };
        await store.ReplaceDaysAsync([today.AddDays(-2), today.AddDays(-1), today], [Sample(2, 1000), Sample(1, 1500), Sample(0, 2000)], Ct);
        await store.RefreshAsync(today, 75, Ct);

        _host.Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("review?site=dc1");
        var page = _host.Context.Render<ReviewPage>();

        var section = page.Find("#review-crossings");
        Assert.Contains("Crosses in the next 90 days", section.TextContent);
        Assert.Contains("Feed 1", section.TextContent);
    }
}
