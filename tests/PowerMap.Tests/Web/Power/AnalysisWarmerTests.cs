using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PowerMap.Core.Analysis;
using PowerMap.Core.Data;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Web.Power;

/// <summary>After an edit, the N−1 sweep of the new snapshot is computed in the background, before anyone asks for it.</summary>
public class AnalysisWarmerTests
{
    [Fact]
    public async Task AfterAWrite_TheNewSnapshotsSweepIsComputedWithoutARequest()
    {
        await using var app = new ApiFactory();
        using (var import = await app.ImportAsync(DemoData.SeedExampleJson(), "replace"))
        {
            import.EnsureSuccessStatusCode();
        }
        var topology = app.Services.GetRequiredService<TopologyService>();
        using var client = app.CreateClient();
        var port = (await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/dcim/power-ports/?name=PSU1&limit=1"))
            .GetProperty("results")[0].GetProperty("id").GetInt32();

        using var patch = await client.PatchAsJsonAsync($"/api/dcim/power-ports/{port}/", new { allocated_draw = 123 });
        patch.EnsureSuccessStatusCode();
        var after = topology.Current;
        Assert.Equal(123, after.Installation.PortById[port].AllocatedDrawWatts);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!FailureAnalysis.For(after.Report).IsSwept && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        Assert.True(FailureAnalysis.For(after.Report).IsSwept, "the sweep of the snapshot after the write was not computed in the background");
    }
}
