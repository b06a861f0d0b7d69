using Bunit;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Components.Layout;
using PowerMap.Web.Features.Capacity;

namespace PowerMap.Tests.Web.Layout;

// The revision users see is the database's (the same on every instance), not this instance's count of published
// snapshots: the seed host published two snapshots (start-up load, seed import) for one database revision.
public class RevisionBadgeTests : IAsyncLifetime
{
    private WebTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WebTestHost.CreateAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Badge_ShowsTheDatabasesRevision_AndFollowsAnEdit()
    {
        var topology = _host.Db.Topology;
        Assert.NotEqual(topology.Current.Revision, topology.Current.DataRevision);

        var badge = _host.Context.Render<RevisionBadge>();
        Assert.Equal($"rev {await topology.DatabaseRevisionAsync(Ct)}", badge.Find("#app-revision").TextContent);

        var feed = (PowerFeed)_host.Inst.PowerFeeds.Single(f => f.Name == "Feed 1").Clone();
        feed.Description = "edited";
        Assert.Equal(WriteStatus.Ok, (await _host.Store.SaveAsync(feed, feed.Version, Ct)).Status);

        long database = await topology.DatabaseRevisionAsync(Ct);
        badge.WaitForAssertion(() => Assert.Equal($"rev {database}", badge.Find("#app-revision").TextContent));
    }

    [Fact]
    public async Task ReviewPage_ShowsTheDatabasesRevision()
    {
        var page = _host.Context.Render<ReviewPage>();

        Assert.Contains($"data revision {await _host.Db.Topology.DatabaseRevisionAsync(Ct)} ·", page.Find(".pm-review-meta .pm-note").TextContent);
    }
}
