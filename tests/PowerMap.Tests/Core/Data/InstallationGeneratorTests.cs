using System.Collections;
using System.Reflection;
using System.Text;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;

namespace PowerMap.Tests.Core.Data;

// InstallationGenerator: deterministic sizes, valid objects, type-consistent components, and every utilization state (one overload).
public class InstallationGeneratorTests
{
    private static readonly Lazy<Installation> Small = new(() => InstallationGenerator.Generate(InstallationSize.S));
    private static readonly Lazy<Installation> Medium = new(() => InstallationGenerator.Generate(InstallationSize.M));

    private static Installation Of(InstallationSize size) => size switch
    {
        InstallationSize.S => Small.Value,
        InstallationSize.M => Medium.Value,
        _ => InstallationGenerator.Generate(size),
    };

    private static int CountedObjects(Installation inst) => inst.PowerPanels.Count + inst.PowerFeeds.Count + inst.Devices.Count;

    [Theory]
    [InlineData(InstallationSize.S, 30)]
    [InlineData(InstallationSize.M, 1_100)]
    [InlineData(InstallationSize.L, 5_600)]
    [InlineData(InstallationSize.XL, 23_000)]
    public void Generate_EachSize_CountsWithinTenPercentOfTarget(InstallationSize size, int target)
    {
        int count = CountedObjects(Of(size));

        Assert.InRange(count, target * 0.9, target * 1.1);
    }

    [Fact]
    public void Generate_SameSizeAndSeed_IdenticalObjects()
    {
        var first = Canonical(InstallationGenerator.Generate(InstallationSize.M, seed: 7));
        var second = Canonical(InstallationGenerator.Generate(InstallationSize.M, seed: 7));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Generate_OtherSeed_DifferentObjects()
    {
        Assert.NotEqual(Canonical(InstallationGenerator.Generate(InstallationSize.S, seed: 1)),
            Canonical(InstallationGenerator.Generate(InstallationSize.S, seed: 2)));
    }

    [Fact]
    public void Generate_Medium_IdsStartAtOnePerTable()
    {
        var inst = Medium.Value;

        Assert.Equal(Enumerable.Range(1, inst.Sites.Count), inst.Sites.Select(x => x.Id));
        Assert.Equal(Enumerable.Range(1, inst.PowerFeeds.Count), inst.PowerFeeds.Select(x => x.Id));
        Assert.Equal(Enumerable.Range(1, inst.Devices.Count), inst.Devices.Select(x => x.Id));
        Assert.Equal(Enumerable.Range(1, inst.PowerOutlets.Count), inst.PowerOutlets.Select(x => x.Id));
        Assert.Equal(Enumerable.Range(1, inst.Cables.Count), inst.Cables.Select(x => x.Id));
        Assert.Equal(Enumerable.Range(1, inst.Cables.Count * 2), inst.Cables.SelectMany(c => c.Terminations).Select(t => t.Id));
    }

    [Theory]
    [InlineData(InstallationSize.S)]
    [InlineData(InstallationSize.M)]
    public void Generate_EveryObject_PassesValidator(InstallationSize size)
    {
        var inst = Of(size);

        var errors = Validate(inst).Take(10).ToList();

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(InstallationSize.S)]
    [InlineData(InstallationSize.M)]
    public void Generate_PowerReport_ExactlyOneFeedOverOneHundredPercent(InstallationSize size)
    {
        var inst = Of(size);
        var report = PowerReport.Compute(inst);

        var over = inst.PowerFeeds.Where(f => report.Feed(f.Id)!.Utilization!.Percent > 100).ToList();

        var feed = Assert.Single(over);
        Assert.Equal(16, feed.Amperage);
    }

    [Theory]
    [InlineData(InstallationSize.S)]
    [InlineData(InstallationSize.M)]
    public void Generate_PowerReport_HasNormalWarningAndDangerFeeds(InstallationSize size)
    {
        var inst = Of(size);
        var report = PowerReport.Compute(inst);

        var statuses = inst.PowerFeeds.Select(f => report.Feed(f.Id)!.Utilization!.Status!.Value).ToList();

        Assert.Contains(UtilizationStatus.Normal, statuses);
        Assert.Contains(UtilizationStatus.Warning, statuses);
        Assert.True(statuses.Count(s => s == UtilizationStatus.Danger) >= 2, "the overloaded feed and at least one feed at 90–100 %");
    }

    [Fact]
    public void Generate_Medium_NinetyPercentOfFeedsNormal()
    {
        var inst = Medium.Value;
        var report = PowerReport.Compute(inst);

        int normal = inst.PowerFeeds.Count(f => report.Feed(f.Id)!.Utilization!.Status == UtilizationStatus.Normal);

        Assert.InRange((double)normal / inst.PowerFeeds.Count, 0.9, 0.99);
    }

    [Fact]
    public void Generate_Medium_EightyPercentOfDevicesDualCorded()
    {
        var inst = Medium.Value;
        var cabledPorts = CabledPortsPerDevice(inst);

        var loads = inst.Devices.Where(d => d.Role is "server" or "switch" or "router").ToList();
        int dual = loads.Count(d => cabledPorts.GetValueOrDefault(d.Id) == 2);
        int single = loads.Count(d => cabledPorts.GetValueOrDefault(d.Id) == 1);

        Assert.Equal(loads.Count, dual + single);
        Assert.InRange((double)dual / loads.Count, 0.75, 0.85);
    }

    [Fact]
    public void Generate_Medium_DualCordedDevicesUseAnAAndABPdu()
    {
        var inst = Medium.Value;

        int dualCorded = 0;
        foreach (var device in inst.Devices.Where(d => d.Role == "server"))
        {
            var pdus = inst.PowerPorts.Where(p => p.DeviceId == device.Id).Select(p => UpstreamFeed(inst, p)).ToList();
            if (pdus.Count == 2)
            {
                Assert.EndsWith("-A", pdus[0].Name);
                Assert.EndsWith("-B", pdus[1].Name);
                dualCorded++;
            }
        }
        // Without any dual-corded server the loop above checks nothing.
        Assert.True(dualCorded > 0, "no dual-corded server in the generated installation");
    }

    [Fact]
    public void Generate_Medium_AboutTenPercentOfPsuCablesGoToANeighbouringRack()
    {
        var inst = Medium.Value;
        var psus = inst.PowerPorts.Where(p => p.Name.StartsWith("PSU", StringComparison.Ordinal)).ToList();

        int crossRack = 0;
        foreach (var psu in psus)
        {
            var (cable, _) = inst.CableOf[(TerminationKind.PowerPort, psu.Id)];
            var outlet = inst.OutletById[cable.End(CableEnd.A).Single().ObjectId];
            if (inst.DeviceById[outlet.DeviceId].RackId != inst.DeviceById[psu.DeviceId].RackId)
            {
                crossRack++;
            }
        }

        Assert.InRange((double)crossRack / psus.Count, 0.06, 0.14);
    }

    [Fact]
    public void Generate_Medium_AboutTenPercentOfPdusCascaded()
    {
        var inst = Medium.Value;
        var pdus = inst.Devices.Where(d => d.Role == "pdu").ToList();

        int cascaded = pdus.Count(pdu => IsCascaded(inst, pdu));

        Assert.InRange((double)cascaded / pdus.Count, 0.08, 0.12);
    }

    [Fact]
    public void Generate_Small_HasCascadedPduUpsAndThreePhaseFeed()
    {
        var inst = Small.Value;
        var report = PowerReport.Compute(inst);

        Assert.Contains(inst.Devices, d => d.Role == "pdu" && IsCascaded(inst, d));
        Assert.Contains(inst.Devices, d => d.Role == "ups");
        var threePhase = Assert.Single(inst.PowerFeeds.Where(f => f.Phase == Choices.ThreePhase).GroupBy(f => f.RackId));
        Assert.All(threePhase, f => Assert.Equal(17736, report.Feed(f.Id)!.AvailableVoltAmps));
    }

    [Fact]
    public void Generate_Medium_EachRackHasAnAFeedAndABFeedFromDifferentPanels()
    {
        var inst = Medium.Value;

        foreach (var rack in inst.Racks)
        {
            var feeds = inst.PowerFeeds.Where(f => f.RackId == rack.Id).OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
            Assert.Equal(2, feeds.Count);
            Assert.EndsWith("-A", inst.PanelById[feeds[0].PowerPanelId].Name[..^1]);
            Assert.EndsWith("-B", inst.PanelById[feeds[1].PowerPanelId].Name[..^1]);
            Assert.All(feeds, f => Assert.Equal(80, f.MaxUtilization));
        }
        double threePhaseShare = (double)inst.PowerFeeds.Count(f => f.Phase == Choices.ThreePhase) / inst.PowerFeeds.Count;
        Assert.InRange(threePhaseShare, 0.2, 0.3);
    }

    [Fact]
    public void Generate_Medium_ComponentsMatchTheirDeviceType()
    {
        var inst = Medium.Value;
        var portsByDevice = inst.PowerPorts.ToLookup(p => p.DeviceId);
        var outletsByDevice = inst.PowerOutlets.ToLookup(o => o.DeviceId);
        var portTemplates = inst.PowerPortTemplates.ToLookup(t => t.DeviceTypeId);
        var outletTemplates = inst.PowerOutletTemplates.ToLookup(t => t.DeviceTypeId);

        foreach (var device in inst.Devices)
        {
            int typeId = device.DeviceTypeId!.Value;
            Assert.Equal(portTemplates[typeId].Select(t => (t.Name, t.Type)), portsByDevice[device.Id].Select(p => (p.Name, p.Type)));
            Assert.Equal(
                outletTemplates[typeId].Select(t => (t.Name, t.Type, t.FeedLeg, inst.PortTemplateById[t.PowerPortTemplateId!.Value].Name)),
                outletsByDevice[device.Id].Select(o => (o.Name, o.Type, o.FeedLeg, inst.PortById[o.PowerPortId!.Value].Name)));
        }
    }

    [Fact]
    public void Generate_Medium_PsusHaveMaximumAboveAllocatedAndPduInletsAreAuto()
    {
        var inst = Medium.Value;

        Assert.All(inst.PowerPorts.Where(p => p.Name == "Inlet"), p => Assert.True(p.AllocatedDrawWatts is null && p.MaximumDrawWatts is null));
        Assert.All(inst.PowerPorts.Where(p => p.Name != "Inlet"), p => Assert.True(p.MaximumDrawWatts > p.AllocatedDrawWatts && p.AllocatedDrawWatts >= 1));
    }

    [Fact]
    public void Generate_ThreePhasePdu_OutletLegsRoundRobin()
    {
        var inst = Small.Value;
        var pdu = inst.Devices.First(d => inst.DeviceTypeById[d.DeviceTypeId!.Value].Model == "PDU-24-3P");

        var legs = inst.PowerOutlets.Where(o => o.DeviceId == pdu.Id).Select(o => o.FeedLeg).Take(6);

        Assert.Equal(["A", "B", "C", "A", "B", "C"], legs);
    }

    [Fact]
    public void AddTo_Existing_IdsContinueNamesFreeTypesReused()
    {
        var existing = InstallationGenerator.Generate(InstallationSize.S, seed: 1, siteName: "DC-1");

        var inst = InstallationGenerator.AddTo(existing, InstallationSize.S, seed: 42, siteName: "DC-Gen");

        Assert.Equal(["DC-1", "DC-Gen"], inst.Sites.Select(s => s.Name));
        Assert.Equal(existing.DeviceTypes.Count, inst.DeviceTypes.Count);
        Assert.Equal(existing.Devices.Count + InstallationGenerator.Generate(InstallationSize.S).Devices.Count, inst.Devices.Count);
        Assert.True(inst.Devices.Where(d => d.SiteId == 2).Min(d => d.Id) > existing.Devices.Max(d => d.Id));
        Assert.Equal(inst.Cables.Count * 2, inst.Cables.SelectMany(c => c.Terminations).Select(t => t.Id).Distinct().Count());
        Assert.Empty(Validate(inst).Take(10));
    }

    [Fact]
    public void AddTo_SameSeed_SameSiteAsGenerate()
    {
        var existing = InstallationGenerator.Generate(InstallationSize.S, seed: 1, siteName: "DC-1");

        var added = InstallationGenerator.AddTo(existing, InstallationSize.S, seed: 5);
        var alone = InstallationGenerator.Generate(InstallationSize.S, seed: 5);

        Assert.Equal(alone.Devices.Select(d => d.Name), added.Devices.Where(d => d.SiteId == 2).Select(d => d.Name));
        Assert.Equal(alone.PowerPorts.Select(p => p.AllocatedDrawWatts), added.PowerPorts.Skip(existing.PowerPorts.Count).Select(p => p.AllocatedDrawWatts));
    }

    [Fact]
    public void AddTo_ConflictingDeviceTypeModel_GetsAFreeModelName()
    {
        var existing = new Installation(
            sites: [new Site { Id = 1, Name = "Seed" }],
            deviceTypes: [new DeviceType { Id = 1, Manufacturer = "Other", Model = "Server-2PSU" }],
            powerPortTemplates: [new PowerPortTemplate { Id = 1, DeviceTypeId = 1, Name = "PS-1" }]);

        var inst = InstallationGenerator.AddTo(existing, InstallationSize.S);

        Assert.Contains(inst.DeviceTypes, t => t.Model == "Server-2PSU (DC-Gen)");
        Assert.Empty(Validate(inst).Take(10));
        Assert.DoesNotContain(inst.Devices, d => d.DeviceTypeId == 1);
    }

    [Fact]
    public void AddTo_SiteNameTaken_Throws()
    {
        var existing = InstallationGenerator.Generate(InstallationSize.S);

        Assert.Throws<ArgumentException>(() => InstallationGenerator.AddTo(existing, InstallationSize.S));
    }

    /// <summary>A PDU whose inlet is plugged into an outlet of another PDU.</summary>
    private static bool IsCascaded(Installation inst, Device pdu)
    {
        var inlet = inst.PortByName[(pdu.Id, "Inlet")];
        var (cable, end) = inst.CableOf[(TerminationKind.PowerPort, inlet.Id)];
        var peer = cable.Terminations.Single(t => t.End != end);
        return peer.Kind == TerminationKind.PowerOutlet && inst.DeviceById[inst.OutletById[peer.ObjectId].DeviceId].Role == "pdu";
    }

    private static Dictionary<int, int> CabledPortsPerDevice(Installation inst)
    {
        var result = new Dictionary<int, int>();
        foreach (var port in inst.PowerPorts)
        {
            if (inst.CableOf.ContainsKey((TerminationKind.PowerPort, port.Id)))
            {
                result[port.DeviceId] = result.GetValueOrDefault(port.DeviceId) + 1;
            }
        }
        return result;
    }

    /// <summary>The feed a port's power comes from, following outlet → inlet cables upwards.</summary>
    private static PowerFeed UpstreamFeed(Installation inst, PowerPort port)
    {
        while (true)
        {
            var (cable, end) = inst.CableOf[(TerminationKind.PowerPort, port.Id)];
            var peer = cable.Terminations.Single(t => t.End != end);
            if (peer.Kind == TerminationKind.PowerFeed)
            {
                return inst.FeedById[peer.ObjectId];
            }
            port = inst.PortById[inst.OutletById[peer.ObjectId].PowerPortId!.Value];
        }
    }

    private static IEnumerable<string> Validate(Installation inst)
    {
        IEnumerable<(string What, ValidationErrors Errors)> all =
        [
            .. inst.Sites.Select(x => ($"site {x.Id}", DcimValidator.Site(inst, x))),
            .. inst.Locations.Select(x => ($"location {x.Id}", DcimValidator.Location(inst, x))),
            .. inst.Racks.Select(x => ($"rack {x.Id}", DcimValidator.Rack(inst, x))),
            .. inst.PowerPanels.Select(x => ($"panel {x.Id}", DcimValidator.PowerPanel(inst, x))),
            .. inst.PowerFeeds.Select(x => ($"feed {x.Id}", DcimValidator.PowerFeed(inst, x))),
            .. inst.DeviceTypes.Select(x => ($"device type {x.Id}", DcimValidator.DeviceType(inst, x))),
            .. inst.PowerPortTemplates.Select(x => ($"port template {x.Id}", DcimValidator.PowerPortTemplate(inst, x))),
            .. inst.PowerOutletTemplates.Select(x => ($"outlet template {x.Id}", DcimValidator.PowerOutletTemplate(inst, x))),
            .. inst.Devices.Select(x => ($"device {x.Id}", DcimValidator.Device(inst, x))),
            .. inst.PowerPorts.Select(x => ($"port {x.Id}", DcimValidator.PowerPort(inst, x))),
            .. inst.PowerOutlets.Select(x => ($"outlet {x.Id}", DcimValidator.PowerOutlet(inst, x))),
            .. inst.Cables.Select(x => ($"cable {x.Id}", DcimValidator.Cable(inst, x))),
        ];
        return all.Where(x => !x.Errors.IsValid).Select(x => $"{x.What}: {x.Errors}");
    }

    /// <summary>Every public property of every object, in table and id order (cable terminations included).</summary>
    private static string Canonical(Installation inst)
    {
        var sb = new StringBuilder();
        IEnumerable<IEnumerable> tables =
        [
            inst.Sites, inst.Locations, inst.Racks, inst.PowerPanels, inst.PowerFeeds, inst.DeviceTypes, inst.PowerPortTemplates,
            inst.PowerOutletTemplates, inst.Devices, inst.PowerPorts, inst.PowerOutlets, inst.Interfaces, inst.Cables,
        ];
        foreach (var table in tables)
        {
            foreach (var item in table)
            {
                Append(sb, item);
                sb.Append('\n');
            }
        }
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, object item)
    {
        sb.Append(item.GetType().Name).Append('{');
        foreach (var property in item.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            sb.Append(property.Name).Append('=');
            var value = property.GetValue(item);
            if (value is IEnumerable list and not string)
            {
                foreach (var element in list)
                {
                    Append(sb, element);
                }
            }
            else
            {
                sb.Append(value).Append(';');
            }
        }
        sb.Append('}');
    }
}
