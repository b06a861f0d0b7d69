using Microsoft.AspNetCore.Components;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Web.Components.Shared;

namespace PowerMap.Web.Features.Devices;

public partial class DeviceForm
{
    /// <summary>The rack of a new device (its site follows).</summary>
    [Parameter] public int? RackId { get; set; }

    /// <summary>The type of a new device.</summary>
    [Parameter] public int? DeviceTypeId { get; set; }

    protected override IReadOnlyList<string> Fields { get; } = ["name", "role", "site", "rack", "device_type", "status", "rated_va"];

    private string? TypeHelp => IsNew
        ? Model.DeviceTypeId is { } id ? TemplateSummary(id) : "Optional: its power ports and outlets are copied once"
        : "Fixed after creation (NetBox copies the templates once)";

    protected override Device CreateNew()
    {
        var device = new Device { RackId = RackId, DeviceTypeId = DeviceTypeId, SiteId = SiteDefaults.Single(Inst) };
        if (RackId is { } rackId && Inst.RackById.TryGetValue(rackId, out var rack))
        {
            device.SiteId = rack.SiteId;
        }
        return device;
    }

    /// <summary>A new device is created from its type (ports and outlets copied); an edit is a plain save.</summary>
    protected override Task<WriteResult<Device>> WriteAsync(Device candidate) =>
        IsNew ? Store.CreateDeviceAsync(candidate) : base.WriteAsync(candidate);

    private void SiteChanged(int siteId)
    {
        Model.SiteId = siteId;
        if (Model.RackId is { } rackId && Inst.RackById.TryGetValue(rackId, out var rack) && rack.SiteId != siteId)
        {
            Model.RackId = null;
        }
    }

    private string TemplateSummary(int typeId) =>
        $"Creates {Format.Count(Inst.PowerPortTemplates.Count(t => t.DeviceTypeId == typeId), "power port")} and {Format.Count(Inst.PowerOutletTemplates.Count(t => t.DeviceTypeId == typeId), "power outlet")}";

    private string TypeName(int? id) =>
        id is { } v && Inst.DeviceTypeById.TryGetValue(v, out var t) ? (string.IsNullOrEmpty(t.Manufacturer) ? t.Model : $"{t.Manufacturer} {t.Model}") : "";
}
