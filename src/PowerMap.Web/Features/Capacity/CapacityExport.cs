using System.Globalization;
using CsvHelper;
using MiniExcelLibs;
using PowerMap.Core.Analysis;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;

namespace PowerMap.Web.Features.Capacity;

/// <summary>
/// The capacity lists as files: CSV (CsvHelper, invariant culture) and XLSX (MiniExcel), one column per property of the
/// row record (names carry their unit: <c>AvailableVoltAmps</c>, <c>Percent</c>), numbers as numbers.
/// </summary>
public static class CapacityExport
{
    public const string CsvType = "text/csv";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The lists a CSV can be asked for (<c>kind=</c>), in the order of the XLSX sheets.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["feeds", "panels", "racks", "devices", "at-risk", "resilience"];

    /// <summary>One list as CSV (UTF-8, header row); <see cref="ArgumentException"/> for a kind not in <see cref="Kinds"/>.</summary>
    public static byte[] Csv(TopologySnapshot snapshot, string kind, int? siteId) => kind switch
    {
        "feeds" => Csv(CapacityRows.Feeds(snapshot, siteId)),
        "panels" => Csv(CapacityRows.Panels(snapshot, siteId)),
        "racks" => Csv(CapacityRows.Racks(snapshot, siteId)),
        "devices" => Csv(CapacityRows.Devices(snapshot, siteId)),
        "at-risk" => Csv(CapacityRows.AtRisk(snapshot, CapacityOverview.Compute(snapshot.Report, siteId))),
        "resilience" => Csv(CapacityRows.Resilience(snapshot, siteId)),
        _ => throw new ArgumentException($"Unknown kind '{kind}'.", nameof(kind)),
    };

    /// <summary>Rows as UTF-8 CSV (RFC 4180) with a header row; CsvHelper's defaults guard against formula injection.</summary>
    public static byte[] Csv<T>(IEnumerable<T> rows)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, CsvWriterOptions.Default, leaveOpen: true))
        {
            csv.WriteRecords(rows);
        }
        return stream.ToArray();
    }

    /// <summary>The sheet name of each kind.</summary>
    public static string SheetName(string kind) => kind switch
    {
        "at-risk" => "At risk",
        _ => char.ToUpperInvariant(kind[0]) + kind[1..],
    };

    /// <summary>
    /// The report workbook: sheets Feeds, Panels, Racks, Devices, At risk, Resilience; or the one sheet of
    /// <paramref name="kind"/>.
    /// </summary>
    public static void WriteXlsx(TopologySnapshot snapshot, int? siteId, Stream stream, string? kind = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var sheets = new Dictionary<string, object>();
        foreach (var k in kind is null ? Kinds : [kind])
        {
            sheets[SheetName(k)] = k switch
            {
                "feeds" => CapacityRows.Feeds(snapshot, siteId),
                "panels" => CapacityRows.Panels(snapshot, siteId),
                "racks" => CapacityRows.Racks(snapshot, siteId),
                "devices" => CapacityRows.Devices(snapshot, siteId),
                "at-risk" => CapacityRows.AtRisk(snapshot, CapacityOverview.Compute(snapshot.Report, siteId)),
                "resilience" => CapacityRows.Resilience(snapshot, siteId),
                _ => throw new ArgumentException($"Unknown kind '{k}'.", nameof(kind)),
            };
        }
        stream.SaveAs(sheets, excelType: ExcelType.XLSX);
    }

    /// <summary>Rows as a workbook of one sheet.</summary>
    public static byte[] Xlsx<T>(string sheet, IEnumerable<T> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { [sheet] = rows.ToList() }, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    public static byte[] Xlsx(TopologySnapshot snapshot, int? siteId, string? kind = null)
    {
        using var stream = new MemoryStream();
        WriteXlsx(snapshot, siteId, stream, kind);
        return stream.ToArray();
    }

    /// <summary>"powermap-feeds-dc1-2026-11-26.csv", "powermap-report-all-sites-2026-11-26.xlsx".</summary>
    public static string FileName(string what, Site? site, DateTime utcNow, string extension) =>
        $"powermap-{what}-{(site is null ? "all-sites" : site.Slug)}-{utcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{extension}";
}
