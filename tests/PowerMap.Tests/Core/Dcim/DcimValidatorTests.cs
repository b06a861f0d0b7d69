using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Dcim;

// Every rule of power-model.md §6 with NetBox's exact message and field.
public class DcimValidatorTests
{
    private static void AssertError(ValidationErrors errors, string field, string message)
    {
        Assert.True(errors.TryGetValue(field, out var messages), $"no error on '{field}': {errors}");
        Assert.Contains(message, messages);
    }

    [Fact]
    public void PowerPanel_LocationInOtherSite_IsRejected()
    {
        var b = new TopologyBuilder();
        var other = b.Site("DC2");
        var room = b.Location("Room-9", other);
        var inst = b.Build();
        var panel = new PowerPanel { Name = "PP1", SiteId = b.DefaultSite.Id, LocationId = room.Id };

        AssertError(DcimValidator.PowerPanel(inst, panel), "non_field_errors", "Location Room-9 (DC2) is in a different site than DC1");
    }

    [Theory]
    [InlineData(null, "Rack R9 (DC2) and power panel PP1 (DC1) are in different sites.")]
    [InlineData("F-09", "Rack R9 (F-09) (DC2) and power panel PP1 (DC1) are in different sites.")]
    public void PowerFeed_RackInOtherSite_IsRejected(string? facilityId, string expected)
    {
        var b = new TopologyBuilder();
        var rack = b.Rack("R9", b.Site("DC2"), facilityId);
        var panel = b.Panel("PP1");
        var inst = b.Build();
        var feed = new PowerFeed { Name = "F1", PowerPanelId = panel.Id, RackId = rack.Id };

        AssertError(DcimValidator.PowerFeed(inst, feed), "non_field_errors", expected);
    }

    [Fact]
    public void PowerFeed_NegativeAcVoltage_IsRejected_ButDcIsFine()
    {
        var b = new TopologyBuilder();
        var panel = b.Panel("PP1");
        var inst = b.Build();

        AssertError(DcimValidator.PowerFeed(inst, new PowerFeed { Name = "F1", PowerPanelId = panel.Id, Voltage = -230 }), "voltage", "Voltage cannot be negative for AC supply");
        Assert.True(DcimValidator.PowerFeed(inst, new PowerFeed { Name = "F1", PowerPanelId = panel.Id, Voltage = -48, Supply = "dc" }).IsValid);
    }

    [Theory]
    [InlineData(0, 15, 80, "voltage", "This value may not be 0.")]
    [InlineData(-32769, 15, 80, "voltage", "Ensure this value is greater than or equal to -32768.")]
    [InlineData(32768, 15, 80, "voltage", "Ensure this value is less than or equal to 32767.")]
    [InlineData(230, 0, 80, "amperage", "Ensure this value is greater than or equal to 1.")]
    [InlineData(230, 32768, 80, "amperage", "Ensure this value is less than or equal to 32767.")]
    [InlineData(230, 16, 0, "max_utilization", "Ensure this value is greater than or equal to 1.")]
    [InlineData(230, 16, 101, "max_utilization", "Ensure this value is less than or equal to 100.")]
    public void PowerFeed_OutOfRange_IsRejectedOnTheField(int voltage, int amperage, int maxUtilization, string field, string message)
    {
        var b = new TopologyBuilder();
        var panel = b.Panel("PP1");
        var feed = new PowerFeed { Name = "F1", PowerPanelId = panel.Id, Voltage = voltage, Amperage = amperage, MaxUtilization = maxUtilization, Supply = "dc" };
        AssertError(DcimValidator.PowerFeed(b.Build(), feed), field, message);
    }

    [Fact]
    public void PowerFeed_DcThreePhase_AndHugeLoad_AreAccepted()
    {
        var b = new TopologyBuilder();
        var panel = b.Panel("PP1");
        var feed = new PowerFeed { Name = "F1", PowerPanelId = panel.Id, Voltage = 48, Supply = "dc", Phase = Choices.ThreePhase };
        Assert.True(DcimValidator.PowerFeed(b.Build(), feed).IsValid);
    }

    [Theory]
    [InlineData("status", "on")]
    [InlineData("type", "backup")]
    [InlineData("supply", "ac/dc")]
    [InlineData("phase", "two-phase")]
    public void PowerFeed_UnknownChoice_IsRejected(string field, string value)
    {
        var b = new TopologyBuilder();
        var panel = b.Panel("PP1");
        var feed = new PowerFeed { Name = "F1", PowerPanelId = panel.Id };
        typeof(PowerFeed).GetProperty(char.ToUpperInvariant(field[0]) + field[1..])!.SetValue(feed, value);
        AssertError(DcimValidator.PowerFeed(b.Build(), feed), field, $"Value '{value}' is not a valid choice.");
    }

    [Fact]
    public void PowerFeed_DuplicateNameInPanel_IsRejected_ButAllowedInAnotherPanel()
    {
        var b = new TopologyBuilder();
        var pp1 = b.Panel("PP1");
        var pp2 = b.Panel("PP2");
        b.Feed(pp1, "Feed A");
        var inst = b.Build();

        AssertError(DcimValidator.PowerFeed(inst, new PowerFeed { Name = "Feed A", PowerPanelId = pp1.Id }), "non_field_errors", "Power feed with this Power panel and Name already exists.");
        Assert.True(DcimValidator.PowerFeed(inst, new PowerFeed { Name = "Feed A", PowerPanelId = pp2.Id }).IsValid);
    }

    [Fact]
    public void PowerFeed_UpdateKeepingItsOwnName_IsValid()
    {
        var b = new TopologyBuilder();
        var feed = b.Feed(b.Panel("PP1"), "Feed A");
        var inst = b.Build();
        var edited = new PowerFeed { Id = feed.Id, Name = "Feed A", PowerPanelId = feed.PowerPanelId, Amperage = 32 };
        Assert.True(DcimValidator.PowerFeed(inst, edited).IsValid);
    }

    [Fact]
    public void Duplicates_OfEveryNamedObject_UseNetBoxWording()
    {
        var b = new TopologyBuilder();
        var rack = b.Rack("R1");
        var panel = b.Panel("PP1");
        var device = b.Device("S1");
        b.Port(device, "PSU1");
        b.Outlet(device, "O1");
        b.Interface(device, "eth0");
        b.Location("Room-1");
        var inst = b.Build();

        AssertError(DcimValidator.Site(inst, new Site { Name = "DC1" }), "non_field_errors", "Site with this Name already exists.");
        AssertError(DcimValidator.Location(inst, new Location { Name = "Room-1", SiteId = b.DefaultSite.Id }), "non_field_errors", "Location with this Site and Name already exists.");
        AssertError(DcimValidator.Rack(inst, new Rack { Name = "R1", SiteId = b.DefaultSite.Id }), "non_field_errors", "Rack with this Site and Name already exists.");
        AssertError(DcimValidator.PowerPanel(inst, new PowerPanel { Name = "PP1", SiteId = b.DefaultSite.Id }), "non_field_errors", "Power panel with this Site and Name already exists.");
        AssertError(DcimValidator.Device(inst, new Device { Name = "S1", SiteId = b.DefaultSite.Id }), "non_field_errors", "Device name must be unique per site.");
        AssertError(DcimValidator.PowerPort(inst, new PowerPort { Name = "PSU1", DeviceId = device.Id }), "non_field_errors", "Power port with this Device and Name already exists.");
        AssertError(DcimValidator.PowerOutlet(inst, new PowerOutlet { Name = "O1", DeviceId = device.Id }), "non_field_errors", "Power outlet with this Device and Name already exists.");
        AssertError(DcimValidator.Interface(inst, new Interface { Name = "eth0", DeviceId = device.Id }), "non_field_errors", "Interface with this Device and Name already exists.");
        Assert.NotNull(rack);
        Assert.NotNull(panel);
    }

    [Fact]
    public void PowerPort_AllocatedAboveMaximum_IsRejected()
    {
        var b = new TopologyBuilder();
        var device = b.Device("S1");
        var errors = DcimValidator.PowerPort(b.Build(), new PowerPort { Name = "PSU1", DeviceId = device.Id, AllocatedDrawWatts = 700, MaximumDrawWatts = 600 });
        AssertError(errors, "allocated_draw", "Allocated draw cannot exceed the maximum draw (600W).");
    }

    [Fact]
    public void PowerPortTemplate_AllocatedAboveMaximum_IsRejected()
    {
        var b = new TopologyBuilder();
        var type = b.DeviceType("Server-1");
        var errors = DcimValidator.PowerPortTemplate(b.Build(), new PowerPortTemplate { Name = "PSU1", DeviceTypeId = type.Id, AllocatedDrawWatts = 700, MaximumDrawWatts = 600 });
        AssertError(errors, "allocated_draw", "Allocated draw cannot exceed the maximum draw (600W).");
    }

    [Theory]
    [InlineData(0, null, "maximum_draw", "Ensure this value is greater than or equal to 1.")]
    [InlineData(null, 0, "allocated_draw", "Ensure this value is greater than or equal to 1.")]
    public void PowerPort_DrawBelowOne_IsRejected(int? maximum, int? allocated, string field, string message)
    {
        var b = new TopologyBuilder();
        var device = b.Device("S1");
        AssertError(DcimValidator.PowerPort(b.Build(), new PowerPort { Name = "PSU1", DeviceId = device.Id, AllocatedDrawWatts = allocated, MaximumDrawWatts = maximum }), field, message);
    }

    [Fact]
    public void PowerPort_UnknownPlugType_IsRejected_KnownIsAccepted()
    {
        var b = new TopologyBuilder();
        var device = b.Device("S1");
        var inst = b.Build();
        AssertError(DcimValidator.PowerPort(inst, new PowerPort { Name = "PSU1", DeviceId = device.Id, Type = "iec-60320-c13" }), "type", "Value 'iec-60320-c13' is not a valid choice.");
        Assert.True(DcimValidator.PowerPort(inst, new PowerPort { Name = "PSU1", DeviceId = device.Id, Type = "iec-60320-c14" }).IsValid);
        Assert.True(DcimValidator.PowerOutlet(inst, new PowerOutlet { Name = "O1", DeviceId = device.Id, Type = "iec-60320-c13" }).IsValid);
    }

    [Theory]
    [InlineData(null, "Parent power port (Inlet) must belong to the same device")]
    [InlineData("Main", "Parent power port (Inlet (Main)) must belong to the same device")]
    public void PowerOutlet_PortOfAnotherDevice_IsRejected(string? label, string expected)
    {
        var b = new TopologyBuilder();
        var pdu = b.Device("PDU1");
        var other = b.Device("PDU2");
        var inlet = b.Port(other, "Inlet");
        inlet.Label = label;
        AssertError(DcimValidator.PowerOutlet(b.Build(), new PowerOutlet { Name = "O1", DeviceId = pdu.Id, PowerPortId = inlet.Id }), "non_field_errors", expected);
    }

    [Fact]
    public void PowerOutletTemplate_PortOfAnotherType_IsRejected()
    {
        var b = new TopologyBuilder();
        var t1 = b.DeviceType("PDU-8");
        var t2 = b.DeviceType("PDU-16");
        var inlet = b.PortTemplate(t2, "Inlet");
        AssertError(DcimValidator.PowerOutletTemplate(b.Build(), new PowerOutletTemplate { Name = "O1", DeviceTypeId = t1.Id, PowerPortTemplateId = inlet.Id }),
            "non_field_errors", "Parent power port (Inlet) must belong to the same device type");
    }

    [Fact]
    public void PowerOutlet_UnknownLegAndStatus_AreRejected()
    {
        var b = new TopologyBuilder();
        var pdu = b.Device("PDU1");
        var errors = DcimValidator.PowerOutlet(b.Build(), new PowerOutlet { Name = "O1", DeviceId = pdu.Id, FeedLeg = "D", Status = "on" });
        AssertError(errors, "feed_leg", "Value 'D' is not a valid choice.");
        AssertError(errors, "status", "Value 'on' is not a valid choice.");
    }

    [Fact]
    public void Component_MovedToAnotherDevice_IsRejected()
    {
        var b = new TopologyBuilder();
        var s1 = b.Device("S1");
        var s2 = b.Device("S2");
        var port = b.Port(s1, "PSU1");
        var outlet = b.Outlet(s1, "O1");
        var inst = b.Build();
        AssertError(DcimValidator.PowerPort(inst, new PowerPort { Id = port.Id, Name = "PSU1", DeviceId = s2.Id }), "device", "Components cannot be moved to a different device.");
        AssertError(DcimValidator.PowerOutlet(inst, new PowerOutlet { Id = outlet.Id, Name = "O1", DeviceId = s2.Id }), "device", "Components cannot be moved to a different device.");
    }

    [Fact]
    public void MarkConnected_OnACabledTermination_IsRejected()
    {
        var b = new TopologyBuilder();
        var feed = b.Feed(b.Panel("PP1"), "F1");
        var port = b.Port(b.Device("S1"), "PSU1");
        b.Cable(feed, port);
        var inst = b.Build();
        AssertError(DcimValidator.PowerPort(inst, new PowerPort { Id = port.Id, DeviceId = port.DeviceId, Name = "PSU1", MarkConnected = true }), "mark_connected", "Cannot mark as connected with a cable attached.");
        AssertError(DcimValidator.PowerFeed(inst, new PowerFeed { Id = feed.Id, PowerPanelId = feed.PowerPanelId, Name = "F1", MarkConnected = true }), "mark_connected", "Cannot mark as connected with a cable attached.");
    }

    // clean() stops at its first error: CabledObjectModel's mark_connected rule runs before the feed's own rules
    [Fact]
    public void PowerFeed_MarkedConnectedWithCable_StopsCleanBeforeTheSiteRule()
    {
        var b = new TopologyBuilder();
        var rack = b.Rack("R9", b.Site("DC2"));
        var feed = b.Feed(b.Panel("PP1"), "F1");
        b.Cable(feed, b.Port(b.Device("S1"), "PSU1"));
        var edited = new PowerFeed { Id = feed.Id, PowerPanelId = feed.PowerPanelId, Name = "F1", RackId = rack.Id, Voltage = -230, MarkConnected = true };

        var errors = DcimValidator.PowerFeed(b.Build(), edited);

        Assert.Equal(["mark_connected"], errors.Keys);
        Assert.Equal(["Cannot mark as connected with a cable attached."], errors["mark_connected"]);
    }

    // clean() chain of a port: mark_connected, then the device move, then allocated ≤ maximum; the first failure only
    [Fact]
    public void PowerPort_CleanChain_ReportsOnlyTheFirstFailingRule()
    {
        var b = new TopologyBuilder();
        var s1 = b.Device("S1");
        var s2 = b.Device("S2");
        var port = b.Port(s1, "PSU1");
        b.Cable(b.Feed(b.Panel("PP1"), "F1"), port);
        var inst = b.Build();

        var marked = DcimValidator.PowerPort(inst, new PowerPort { Id = port.Id, DeviceId = s2.Id, Name = "PSU1", MarkConnected = true, AllocatedDrawWatts = 700, MaximumDrawWatts = 600 });
        Assert.Equal(["mark_connected"], marked.Keys);

        var moved = DcimValidator.PowerPort(inst, new PowerPort { Id = port.Id, DeviceId = s2.Id, Name = "PSU1", AllocatedDrawWatts = 700, MaximumDrawWatts = 600 });
        Assert.Equal(["device"], moved.Keys);
        Assert.Equal(["Components cannot be moved to a different device."], moved["device"]);
    }

    [Fact]
    public void PowerOutlet_CleanChain_ReportsOnlyTheFirstFailingRule()
    {
        var b = new TopologyBuilder();
        var pdu = b.Device("PDU1");
        var other = b.Device("PDU2");
        var foreignInlet = b.Port(other, "Inlet");
        var ownInlet = b.Port(pdu, "Inlet");
        var outlet = b.Outlet(pdu, "O1");
        b.Cable(outlet, b.Port(b.Device("S1"), "PSU1"));
        var inst = b.Build();

        var marked = DcimValidator.PowerOutlet(inst, new PowerOutlet { Id = outlet.Id, DeviceId = other.Id, Name = "O1", PowerPortId = foreignInlet.Id, MarkConnected = true });
        Assert.Equal(["mark_connected"], marked.Keys);

        var moved = DcimValidator.PowerOutlet(inst, new PowerOutlet { Id = outlet.Id, DeviceId = other.Id, Name = "O1", PowerPortId = ownInlet.Id });
        Assert.Equal(["device"], moved.Keys);
    }

    // Django's full_clean() runs clean() even when a field failed: maximum 0 is out of range and still the limit
    [Fact]
    public void PowerPort_AllocatedAboveAnOutOfRangeMaximum_ReportsBothErrors()
    {
        var b = new TopologyBuilder();
        var device = b.Device("S1");
        var errors = DcimValidator.PowerPort(b.Build(), new PowerPort { Name = "PSU1", DeviceId = device.Id, AllocatedDrawWatts = 5, MaximumDrawWatts = 0 });
        Assert.Equal(["Ensure this value is greater than or equal to 1."], errors["maximum_draw"]);
        Assert.Equal(["Allocated draw cannot exceed the maximum draw (0W)."], errors["allocated_draw"]);
    }

    // full_clean(): a clean() error does not skip the uniqueness check, both are reported
    [Fact]
    public void SiteRuleAndDuplicateName_AreBothReported()
    {
        var b = new TopologyBuilder();
        var room = b.Location("Room-9", b.Site("DC2"));
        var rack = b.Rack("R1");
        b.Panel("PP1");
        b.Device("S1");
        var inst = b.Build();

        Assert.Equal(["Location Room-9 (DC2) is in a different site than DC1", "Power panel with this Site and Name already exists."],
            DcimValidator.PowerPanel(inst, new PowerPanel { Name = "PP1", SiteId = b.DefaultSite.Id, LocationId = room.Id })["non_field_errors"]);
        var rackInRoom = b.Rack("R2");
        rackInRoom.LocationId = room.Id;
        inst = b.Build();
        Assert.Equal(["Assigned location must belong to parent site (DC1).", "Rack with this Location and Name already exists."],
            DcimValidator.Rack(inst, new Rack { Name = "R2", SiteId = b.DefaultSite.Id, LocationId = room.Id })["non_field_errors"]);

        var otherRack = b.Rack("R9", inst.SiteById.Values.Single(s => s.Name == "DC2"));
        inst = b.Build();
        var device = DcimValidator.Device(inst, new Device { Name = "S1", SiteId = b.DefaultSite.Id, RackId = otherRack.Id });
        Assert.Equal(["Rack R9 does not belong to site DC1."], device["rack"]);
        Assert.Equal(["Device name must be unique per site."], device["non_field_errors"]);
        Assert.NotNull(rack);
    }

    [Fact]
    public void TemplateInstantiation_CopiesDrawsAndFeedLegs()
    {
        var b = new TopologyBuilder();
        var type = b.DeviceType("PDU-3P");
        var inlet = b.PortTemplate(type, "Inlet", allocated: 100, maximum: 200);
        b.OutletTemplate(type, "Outlet 1", inlet, "A");
        b.OutletTemplate(type, "Outlet 2", inlet, "C");
        var device = b.Device("PDU1");
        device.DeviceTypeId = type.Id;

        var (ports, outlets) = DeviceComponents.FromTemplates(b.Build(), type, device);

        var port = Assert.Single(ports);
        Assert.Equal(("Inlet", (int?)100, (int?)200, device.Id), (port.Name, port.AllocatedDrawWatts, port.MaximumDrawWatts, port.DeviceId));
        Assert.Equal(["A", "C"], outlets.Select(o => o.Outlet.FeedLeg));
        Assert.All(outlets, o => Assert.Equal("Inlet", o.PortName));
    }

    [Fact]
    public void ComponentTemplate_MovedToAnotherDeviceType_IsRejected()
    {
        var b = new TopologyBuilder();
        var t1 = b.DeviceType("PDU-8");
        var t2 = b.DeviceType("PDU-16");
        var inlet = b.PortTemplate(t1, "Inlet");
        var outlet = b.OutletTemplate(t1, "Outlet 1", inlet);
        var inst = b.Build();
        AssertError(DcimValidator.PowerPortTemplate(inst, new PowerPortTemplate { Id = inlet.Id, DeviceTypeId = t2.Id, Name = "Inlet" }),
            "device_type", "Component templates cannot be moved to a different device type.");
        AssertError(DcimValidator.PowerOutletTemplate(inst, new PowerOutletTemplate { Id = outlet.Id, DeviceTypeId = t2.Id, Name = "Outlet 1" }),
            "device_type", "Component templates cannot be moved to a different device type.");
    }

    [Theory]
    [InlineData(0, 100, "three-phase", "rated_voltage", "Ensure this value is greater than or equal to 1.")]
    [InlineData(32768, 100, "three-phase", "rated_voltage", "Ensure this value is less than or equal to 32767.")]
    [InlineData(400, 0, "three-phase", "rated_amperage", "Ensure this value is greater than or equal to 1.")]
    [InlineData(400, 100, "two-phase", "rated_phase", "Value 'two-phase' is not a valid choice.")]
    [InlineData(null, 100, "three-phase", "rated_voltage", "A panel rating needs voltage, amperage and phase together (or none of them).")]
    [InlineData(400, null, "three-phase", "rated_amperage", "A panel rating needs voltage, amperage and phase together (or none of them).")]
    [InlineData(400, 100, null, "rated_phase", "A panel rating needs voltage, amperage and phase together (or none of them).")]
    public void PowerPanel_BadRating_IsRejectedOnItsField(int? voltage, int? amperage, string? phase, string field, string message)
    {
        var b = new TopologyBuilder();
        var inst = b.Build();
        var panel = new PowerPanel { Name = "MDB", SiteId = b.DefaultSite.Id, RatedVoltage = voltage, RatedAmperage = amperage, RatedPhase = phase };

        AssertError(DcimValidator.PowerPanel(inst, panel), field, message);
    }

    [Fact]
    public void PowerPanel_CompleteOrNoRating_IsValid()
    {
        var b = new TopologyBuilder();
        var inst = b.Build();

        Assert.True(DcimValidator.PowerPanel(inst, new PowerPanel { Name = "A", SiteId = b.DefaultSite.Id }).IsValid);
        Assert.True(DcimValidator.PowerPanel(inst, new PowerPanel { Name = "B", SiteId = b.DefaultSite.Id, RatedVoltage = 400, RatedAmperage = 100, RatedPhase = "three-phase" }).IsValid);
    }

    [Theory]
    [InlineData(0, "Ensure this value is greater than or equal to 1.")]
    [InlineData(-3680, "Ensure this value is greater than or equal to 1.")]
    public void Device_RatedVaNotPositive_IsRejected(int ratedVa, string message)
    {
        var b = new TopologyBuilder();
        var inst = b.Build();
        var device = new Device { Name = "PDU", SiteId = b.DefaultSite.Id, RatedVoltAmps = ratedVa };

        AssertError(DcimValidator.Device(inst, device), "rated_va", message);
        Assert.True(DcimValidator.Device(inst, new Device { Name = "PDU", SiteId = b.DefaultSite.Id, RatedVoltAmps = 3680 }).IsValid);
    }
}

// issue 15: names with control characters broke the SVG/PNG export; NetBox refuses NUL with Django's message.
public class NameControlCharacterTests
{
    [Theory]
    [InlineData("Feed\u00001", "Null characters are not allowed.")]
    [InlineData("Feed\u00071", "Control characters are not allowed.")]
    [InlineData("Feed\n1", "Control characters are not allowed.")]
    public void Names_WithControlCharacters_AreRefused(string name, string message)
    {
        var inst = PowerMap.Tests.TestSupport.TopologyBuilder.Seed().Inst;
        var site = new PowerMap.Core.Dcim.Site { Name = name };
        var type = new PowerMap.Core.Dcim.DeviceType { Model = name };

        Assert.Equal([message], PowerMap.Core.Dcim.DcimValidator.Site(inst, site)["name"]);
        Assert.Equal([message], PowerMap.Core.Dcim.DcimValidator.DeviceType(inst, type)["model"]);
        Assert.True(PowerMap.Core.Dcim.DcimValidator.Site(inst, new PowerMap.Core.Dcim.Site { Name = "Feed 1 – Ünïcode ⚡" }).IsValid);
    }

    // NetBox data as it is: an unnamed device, names per site ignoring case, racks per location, types per manufacturer.
    [Fact]
    public void UnnamedDevices_AreValid_AndNeverDuplicates()
    {
        var b = new TopologyBuilder();
        var type = b.DeviceType("48-Port Patch Panel");
        type.Manufacturer = "Panduit";
        var unnamed = b.Device("");
        unnamed.DeviceTypeId = type.Id;
        var inst = b.Build();

        Assert.True(DcimValidator.Device(inst, new Device { SiteId = b.DefaultSite.Id, DeviceTypeId = type.Id }).IsValid);
        Assert.Equal($"Panduit 48-Port Patch Panel ({unnamed.Id})", inst.DeviceDisplay(unnamed));
        unnamed.NetBoxId = 106;
        Assert.Equal("Panduit 48-Port Patch Panel (106)", inst.DeviceDisplay(unnamed));
        Assert.Equal(["This field may not be blank."], DcimValidator.Device(inst, new Device { Name = "  ", SiteId = b.DefaultSite.Id })["name"]);
    }

    [Fact]
    public void DeviceNames_AreUniquePerSite_IgnoringCase()
    {
        var b = new TopologyBuilder();
        var server = b.Device("Server");
        var other = b.Site("DC2");
        var inst = b.Build();

        Assert.Equal(["Device name must be unique per site."], DcimValidator.Device(inst, new Device { Name = "SERVER", SiteId = b.DefaultSite.Id })["non_field_errors"]);
        Assert.True(DcimValidator.Device(inst, new Device { Name = "server", SiteId = other.Id }).IsValid);
        Assert.True(DcimValidator.Device(inst, new Device { Id = server.Id, Name = "server", SiteId = b.DefaultSite.Id }).IsValid);
        Assert.Same(server, inst.DeviceByName[(b.DefaultSite.Id, "SERVER")]);
    }

    [Fact]
    public void Racks_AreUniquePerSiteAndLocation()
    {
        var b = new TopologyBuilder();
        var row1 = b.Location("Row 1");
        var row2 = b.Location("Row 2");
        var r1 = b.Rack("R1");
        r1.LocationId = row1.Id;
        var inst = b.Build();

        Assert.True(DcimValidator.Rack(inst, new Rack { Name = "R1", SiteId = b.DefaultSite.Id, LocationId = row2.Id }).IsValid);
        Assert.True(DcimValidator.Rack(inst, new Rack { Name = "R1", SiteId = b.DefaultSite.Id }).IsValid);
        Assert.Equal(["Rack with this Location and Name already exists."],
            DcimValidator.Rack(inst, new Rack { Name = "R1", SiteId = b.DefaultSite.Id, LocationId = row1.Id })["non_field_errors"]);
    }

    [Fact]
    public void Device_InARackOfAnotherLocation_IsRefused()
    {
        var b = new TopologyBuilder();
        var row1 = b.Location("Row 1");
        var row2 = b.Location("Row 2");
        var rack = b.Rack("R1");
        rack.LocationId = row1.Id;
        var inst = b.Build();

        Assert.True(DcimValidator.Device(inst, new Device { Name = "S", SiteId = b.DefaultSite.Id, RackId = rack.Id, LocationId = row1.Id }).IsValid);
        Assert.Equal(["Rack R1 does not belong to location Row 2."],
            DcimValidator.Device(inst, new Device { Name = "S", SiteId = b.DefaultSite.Id, RackId = rack.Id, LocationId = row2.Id })["rack"]);
    }

    [Fact]
    public void DeviceTypes_AreUniquePerManufacturerAndModel()
    {
        var b = new TopologyBuilder();
        var type = b.DeviceType("Flex System");
        type.Manufacturer = "Lenovo";
        var inst = b.Build();

        Assert.True(DcimValidator.DeviceType(inst, new DeviceType { Manufacturer = "IBM", Model = "Flex System" }).IsValid);
        Assert.Equal(["Device type with this Manufacturer and Model already exists."],
            DcimValidator.DeviceType(inst, new DeviceType { Manufacturer = "Lenovo", Model = "Flex System" })["non_field_errors"]);
    }

    [Fact]
    public void SiteSlug_IsGeneratedUniqueAndChecked()
    {
        var b = new TopologyBuilder();
        b.Site("DC 2");
        var inst = b.Build();

        Assert.Equal("dc-2", inst.SiteByName["DC 2"].Slug);
        Assert.Equal(["Site with this Slug already exists."], DcimValidator.Site(inst, new Site { Name = "dc-2" })["slug"]);
        Assert.Equal(["Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."],
            DcimValidator.Site(inst, new Site { Name = "DC3", Slug = "dc 3" })["slug"]);
        var renamed = new Site { Name = "New name", Slug = "kept" };
        renamed.Name = "Other";
        Assert.Equal("kept", renamed.Slug);
    }
}
