using PowerMap.Core.Dcim;
using PowerMap.Core.Layout;

namespace PowerMap.Web.Features.Topology;

/// <summary>One thing the diagram's search box can jump to.</summary>
/// <param name="Kind">"Panel", "Feed", "PDU" (a device with outlets), "Device" or "Rack".</param>
/// <param name="Key">The node id (<c>feed:7</c>) or, for a rack, its expansion key (<c>rack:5</c>).</param>
/// <param name="Name">What is searched and shown.</param>
/// <param name="Detail">Where it is (rack, panel), shown beside the name.</param>
public sealed record TopologySearchItem(string Kind, string Key, string Name, string? Detail)
{
    public bool IsRack => Key.StartsWith("rack:", StringComparison.Ordinal);

    public override string ToString() => Detail is null ? $"{Name} ({Kind})" : $"{Name} ({Kind}, {Detail})";
}

/// <summary>The searchable panels, feeds, devices and racks of a site.</summary>
public static class TopologySearch
{
    public static IReadOnlyList<TopologySearchItem> Items(Installation installation, int? siteId)
    {
        ArgumentNullException.ThrowIfNull(installation);
        bool InSite(int site) => siteId is null || site == siteId;
        string? RackName(int? rackId) => rackId is { } r && installation.RackById.TryGetValue(r, out var rack) ? rack.Name : null;
        var withOutlets = new HashSet<int>(installation.PowerOutlets.Select(o => o.DeviceId));
        var withPorts = new HashSet<int>(installation.PowerPorts.Select(p => p.DeviceId));
        var feedsByPanel = installation.PowerFeeds.ToLookup(f => f.PowerPanelId);
        var items = new List<TopologySearchItem>();
        foreach (var panel in installation.PowerPanels.Where(p => InSite(p.SiteId)))
        {
            items.Add(new("Panel", TopologyNodeId.Panel(panel.Id), panel.Name, null));
            foreach (var feed in feedsByPanel[panel.Id])
            {
                items.Add(new("Feed", TopologyNodeId.Feed(feed.Id), feed.Name, RackName(feed.RackId) is { } rack ? $"{panel.Name}, {rack}" : panel.Name));
            }
        }
        foreach (var device in installation.Devices.Where(d => InSite(d.SiteId) && (withPorts.Contains(d.Id) || withOutlets.Contains(d.Id))))
        {
            items.Add(new(withOutlets.Contains(device.Id) ? "PDU" : "Device", TopologyNodeId.Device(device.Id), installation.DeviceDisplay(device), RackName(device.RackId)));
        }
        foreach (var rack in installation.Racks.Where(r => InSite(r.SiteId)))
        {
            items.Add(new("Rack", TopologyNodeId.Rack(rack.Id), rack.ToString(), null));
        }
        items.Sort((a, b) =>
        {
            int c = NaturalComparer.Instance.Compare(a.Name, b.Name);
            return c != 0 ? c : string.CompareOrdinal(a.Key, b.Key);
        });
        return items;
    }

    /// <summary>Items whose name contains <paramref name="text"/> (case-insensitive), names starting with it first.</summary>
    public static IEnumerable<TopologySearchItem> Find(IReadOnlyList<TopologySearchItem> items, string? text, int max = 25)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (string.IsNullOrWhiteSpace(text))
        {
            return items.Take(max);
        }
        text = text.Trim();
        return items.Where(i => i.Name.Contains(text, StringComparison.OrdinalIgnoreCase))
            .OrderBy(i => i.Name.StartsWith(text, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .Take(max);
    }
}
