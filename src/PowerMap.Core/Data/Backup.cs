using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PowerMap.Core.Data.ChangeLog;
using PowerMap.Core.Dcim;

namespace PowerMap.Core.Data;

/// <summary>
/// A backup file: <c>{"format": "powermap-backup", "version": 1, "created", "topology": {topology document},
/// "object_changes": [change records], "load_samples": [daily load history]}</c>. Restoring replaces the installation
/// (an import with <c>replace</c>, all or nothing) and then the change log and the load history by the file's records (a
/// file without <c>load_samples</c>, from before the history existed, empties it). Accounts and tokens are not in it (they are not the
/// installation's data; restore keeps the current ones). Provider-neutral: it is the document and rows, not a database file.
/// </summary>
public sealed class Backup(TopologyService topology, DcimStore store, IDbContextFactory<PowerMapDbContext> factory)
{
    public const string Format = "powermap-backup";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static readonly JsonSerializerOptions SampleJson = new(Json) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>Writes the current installation and the whole change log; returns how many objects and records.</summary>
    public async Task<(int Objects, int Changes)> WriteAsync(Stream output, CancellationToken ct = default)
    {
        var installation = topology.Current.Installation;
        int changes = 0;
        await using var w = new Utf8JsonWriter(output);
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteNumber("version", 1);
        w.WriteString("created", DateTime.UtcNow);
        w.WritePropertyName("topology");
        w.WriteRawValue(TopologyExporter.ExportJson(installation), skipInputValidation: true);
        w.WriteStartArray("object_changes");
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await foreach (var c in db.ObjectChanges.AsNoTracking().OrderBy(c => c.Id).AsAsyncEnumerable().WithCancellation(ct))
            {
                JsonSerializer.Serialize(w, c, Json);
                changes++;
                if (w.BytesPending > 1 << 20)
                {
                    await w.FlushAsync(ct);
                }
            }
        }
        w.WriteEndArray();
        w.WriteStartArray("load_samples");
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await foreach (var s in db.LoadSamples.AsNoTracking().OrderBy(s => s.Id).AsAsyncEnumerable().WithCancellation(ct))
            {
                JsonSerializer.Serialize(w, s, SampleJson);
                if (w.BytesPending > 1 << 20)
                {
                    await w.FlushAsync(ct);
                }
            }
        }
        w.WriteEndArray();
        w.WriteEndObject();
        await w.FlushAsync(ct);
        return (installation.ObjectCount, changes);
    }

    /// <summary>Restores a backup: errors by JSON path and nothing changed, or the counts restored.</summary>
    public async Task<(ValidationErrors Errors, int Objects, int Changes)> RestoreAsync(Stream input, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(input, cancellationToken: ct);
        }
        catch (JsonException ex)
        {
            return (errors.Add("$", "Not a JSON document: " + ex.Message), 0, 0);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String
                || format.GetString() != Format)
            {
                return (errors.Add("format", $"Not a PowerMap backup: \"format\" must be \"{Format}\"."), 0, 0);
            }
            if (!root.TryGetProperty("topology", out var topologyElement) || topologyElement.ValueKind != JsonValueKind.Object)
            {
                return (errors.Add("topology", "This field is required."), 0, 0);
            }
            var changes = new List<ObjectChange>();
            if (root.TryGetProperty("object_changes", out var records))
            {
                if (records.ValueKind != JsonValueKind.Array)
                {
                    return (errors.Add("object_changes", "Expected a list of items."), 0, 0);
                }
                int i = 0;
                foreach (var r in records.EnumerateArray())
                {
                    try
                    {
                        var c = r.Deserialize<ObjectChange>(Json);
                        if (c is null || c.Id <= 0 || string.IsNullOrEmpty(c.Action) || string.IsNullOrEmpty(c.ChangedObjectType))
                        {
                            errors.Add($"object_changes[{i}]", "A change record needs id, action and changed_object_type.");
                        }
                        else
                        {
                            changes.Add(c);
                        }
                    }
                    catch (JsonException ex)
                    {
                        errors.Add($"object_changes[{i}]", ex.Message);
                    }
                    i++;
                }
                if (changes.Select(c => c.Id).Distinct().Count() != changes.Count)
                {
                    errors.Add("object_changes", "Change record ids must be unique.");
                }
            }
            var samples = ReadSamples(root, errors);
            if (!errors.IsValid)
            {
                return (errors, 0, 0);
            }

            // One write: the topology, the change log, the history and the revision commit together or not at all.
            var plan = await store.RestoreAsync(topologyElement, async (db, tx) =>
            {
                await db.ObjectChanges.ExecuteDeleteAsync(ct);
                await BulkInsert.InsertAsync(db, tx, changes, ct);
                await db.LoadSamples.ExecuteDeleteAsync(ct);
                await BulkInsert.InsertAsync(db, tx, samples, ct);
            }, ct);
            if (!plan.IsValid)
            {
                plan.Errors.CopyTo(errors, "topology.");
                return (errors, 0, 0);
            }
            return (errors, plan.Result.ObjectCount, changes.Count);
        }
    }

    /// <summary>The file's <c>load_samples</c> (none when absent); errors by JSON path.</summary>
    private static List<History.LoadSample> ReadSamples(JsonElement root, ValidationErrors errors)
    {
        var samples = new List<History.LoadSample>();
        if (!root.TryGetProperty("load_samples", out var records))
        {
            return samples;
        }
        if (records.ValueKind != JsonValueKind.Array)
        {
            errors.Add("load_samples", "Expected a list of items.");
            return samples;
        }
        int i = 0;
        foreach (var r in records.EnumerateArray())
        {
            try
            {
                var s = r.Deserialize<History.LoadSample>(SampleJson);
                if (s is null || s.Id <= 0 || s.ObjectId <= 0 || s.Day == default || !Enum.IsDefined(s.Subject))
                {
                    errors.Add($"load_samples[{i}]", "A load sample needs id, day, subject and object_id.");
                }
                else
                {
                    samples.Add(s);
                }
            }
            catch (JsonException ex)
            {
                errors.Add($"load_samples[{i}]", ex.Message);
            }
            i++;
        }
        if (samples.Select(s => s.Id).Distinct().Count() != samples.Count
            || samples.Select(s => (s.Day, s.Subject, s.ObjectId)).Distinct().Count() != samples.Count)
        {
            errors.Add("load_samples", "Load sample ids, and day + subject + object_id, must be unique.");
        }
        return samples;
    }
}
