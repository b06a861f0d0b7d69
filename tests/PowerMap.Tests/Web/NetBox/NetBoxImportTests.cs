using PowerMap.Core.Data;
using PowerMap.Tests.TestSupport;
using PowerMap.Web;
using PowerMap.Web.Features.NetBox;

namespace PowerMap.Tests.Web.NetBox;

// `-- import-netbox URL --token TOKEN [--replace]` against a stand-in NetBox on a loopback port.
public class NetBoxImportTests
{
    private static NetBoxClient Client(string url, string token = NetBoxStandIn.Token) =>
        new(new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, url, token, retryDelay: TimeSpan.FromMilliseconds(10));

    [Fact]
    public async Task Import_ReadsEveryPage_AndComputesAsNetBox()
    {
        await using var nb = await NetBoxStandIn.StartAsync();
        await using var db = await TestDatabase.CreateAsync();
        var output = new StringWriter();

        Assert.Equal(0, await CommandLine.RunAsync(db.Services, ["import-netbox", nb.Url, "--token", NetBoxStandIn.Token, "--replace"], output));

        var inst = db.Topology.Current.Installation;
        Assert.Contains("NetBox 4.6.0", output.ToString());
        Assert.Equal((1, 1, 1, 2, 2, 2, 2, 1, 2), (inst.Sites.Count, inst.Racks.Count, inst.PowerPanels.Count, inst.PowerFeeds.Count,
            inst.DeviceTypes.Count, inst.Devices.Count, inst.PowerPorts.Count, inst.PowerOutlets.Count, inst.Cables.Count));
        Assert.Equal("dc-one", inst.Sites[0].Slug);
        var pdu = inst.Devices.Single(d => d.NetBoxId == 106);
        Assert.Equal("Acme PDU-2 (106)", inst.DeviceDisplay(pdu));
        // 300 W on the PDU inlet over 230 V × 16 A × 80 % = 2944 VA.
        var feedA = inst.PowerFeeds.Single(f => f.Name == "Feed A");
        Assert.Equal(10.2, db.Topology.Current.Report.Feed(feedA.Id)!.Utilization!.Percent);
    }

    [Fact]
    public async Task Import_Again_WithReplace_TakesTheChanges_WithoutDuplicates()
    {
        await using var nb = await NetBoxStandIn.StartAsync();
        await using var db = await TestDatabase.CreateAsync();
        string[] args = ["import-netbox", nb.Url, "--token", NetBoxStandIn.Token, "--replace"];
        Assert.Equal(0, await CommandLine.RunAsync(db.Services, args, new StringWriter()));

        nb.Lists["power-feeds"][1]["amperage"] = 32;
        nb.Lists["cables"].RemoveAt(1);
        Assert.Equal(0, await CommandLine.RunAsync(db.Services, args, new StringWriter()));

        var inst = db.Topology.Current.Installation;
        Assert.Equal(2, inst.PowerFeeds.Count);
        Assert.Equal(32, inst.PowerFeeds.Single(f => f.Name == "Feed B").Amperage);
        Assert.Single(inst.Cables);
    }

    // Without --replace: matched by NetBox id. The stand-in's data changes between the runs as a NetBox's would: a feed's
    // amperage (PATCH), a cable deleted, a new feed; each kind's created / updated / deleted counts are printed.
    [Fact]
    public async Task Import_Again_InPlace_UpdatesWithoutDuplicates_AndPrintsTheCounts()
    {
        await using var nb = await NetBoxStandIn.StartAsync();
        await using var db = await TestDatabase.CreateAsync();
        string[] args = ["import-netbox", nb.Url, "--token", NetBoxStandIn.Token];
        var first = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(db.Services, args, first));
        Assert.Contains("Imported in place: 20 created, 0 updated, 0 deleted.", first.ToString());
        var feedB = db.Topology.Current.Installation.PowerFeeds.Single(f => f.NetBoxId == 11);
        var ids = db.Topology.Current.Installation.All().Select(e => (e.GetType(), e.Id)).ToHashSet();

        nb.Lists["power-feeds"][1]["amperage"] = 32;
        nb.Lists["cables"].RemoveAt(1);
        var feedC = nb.Lists["power-feeds"][1].DeepClone().AsObject();
        (feedC["id"], feedC["name"], feedC["display"]) = (12, "Feed C", "Feed C");
        nb.Lists["power-feeds"].Add(feedC);
        var second = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(db.Services, args, second));

        var inst = db.Topology.Current.Installation;
        Assert.Contains("Imported in place: 1 created, 1 updated, 1 deleted.", second.ToString());
        Assert.Contains("  Power feed: 1 created, 1 updated, 0 deleted", second.ToString());
        Assert.Contains("  Cable: 0 created, 0 updated, 1 deleted", second.ToString());
        Assert.Equal(32, inst.FeedById[feedB.Id].Amperage);
        Assert.Equal(3, inst.PowerFeeds.Count);
        Assert.Single(inst.Cables);
        // Everything else kept its PowerMap id: updated in place, not deleted and made again.
        Assert.Equal(ids.Count - 1, inst.All().Count(e => ids.Contains((e.GetType(), e.Id))));

        var third = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(db.Services, args, third));
        Assert.Contains("Imported in place: 0 created, 0 updated, 0 deleted.", third.ToString());
    }

    [Fact]
    public async Task AV2Token_GoesAsBearer()
    {
        await using var nb = await NetBoxStandIn.StartAsync();

        var (_, counts, _) = await NetBoxDocument.ReadAsync(Client(nb.Url, NetBoxStandIn.V2Token), TestContext.Current.CancellationToken);

        Assert.Equal(2, counts.Devices);
    }

    [Fact]
    public async Task TooManyRequests_IsRetried()
    {
        await using var nb = await NetBoxStandIn.StartAsync();
        nb.TooManyRequests = 2;

        var (_, counts, version) = await NetBoxDocument.ReadAsync(Client(nb.Url), TestContext.Current.CancellationToken);

        Assert.Equal(("4.6.0", 2), (version, counts.Devices));
    }

    [Fact]
    public async Task WrongToken_IsRefused_AndNothingIsImported()
    {
        await using var nb = await NetBoxStandIn.StartAsync();
        await using var db = await TestDatabase.CreateAsync();

        var ex = await Assert.ThrowsAsync<NetBoxException>(() => NetBoxDocument.ReadAsync(Client(nb.Url, "wrong"), TestContext.Current.CancellationToken));
        Assert.Equal(1, await CommandLine.RunAsync(db.Services, ["import-netbox", nb.Url, "--token", "wrong"], new StringWriter()));

        Assert.Equal("NetBox refused the token (403): Invalid v1 token", ex.Message);
        Assert.Equal(0, db.Topology.Current.Installation.ObjectCount);
    }

    [Fact]
    public async Task ANonNetBoxAnswer_IsSaidSo()
    {
        await using var nb = await NetBoxStandIn.StartAsync();
        nb.NotNetBox = true;

        var ex = await Assert.ThrowsAsync<NetBoxException>(() => NetBoxDocument.ReadAsync(Client(nb.Url), TestContext.Current.CancellationToken));

        Assert.Contains("not as NetBox", ex.Message);
    }

    [Fact]
    public async Task AnUnreachableUrl_IsSaidSo()
    {
        // Port 9 (discard) on loopback: nothing listens there in a test run.
        var ex = await Assert.ThrowsAsync<NetBoxException>(() => NetBoxDocument.ReadAsync(Client("http://127.0.0.1:9"), TestContext.Current.CancellationToken));

        Assert.StartsWith("Cannot reach http://127.0.0.1:9", ex.Message);
    }

    [Fact]
    public async Task AWrongPath_Is404_AndSaidSo()
    {
        await using var nb = await NetBoxStandIn.StartAsync();

        var ex = await Assert.ThrowsAsync<NetBoxException>(() => NetBoxDocument.ReadAsync(Client(nb.Url + "/netbox"), TestContext.Current.CancellationToken));

        Assert.Contains("(404)", ex.Message);
    }
}
