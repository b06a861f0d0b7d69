using PowerMap.Core.Data;
using PowerMap.Tests.TestSupport;
using PowerMap.Web;

namespace PowerMap.Tests.Web;

// `dotnet run --project src/PowerMap.Web -- import FILE [--replace] | export FILE | demo`, on a real SQLite file.
public class CommandLineTests
{
    [Fact]
    public async Task ImportThenExport_RoundTripsTheSeedExample()
    {
        await using var db = await TestDatabase.CreateAsync();
        var input = Path.GetTempFileName();
        var output = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(input, DemoData.SeedExampleJson(), TestContext.Current.CancellationToken);

            Assert.Equal(0, await CommandLine.RunAsync(db.Services, ["import", input, "--replace"]));
            Assert.Equal(0, await CommandLine.RunAsync(db.Services, ["export", output]));

            var feed1 = db.Topology.Current.Installation.PowerFeeds.Single(f => f.Name == "Feed 1");
            Assert.Equal(16.0, db.Topology.Current.Report.Feed(feed1.Id)!.Utilization!.Percent);
            Assert.Equal(TopologyExporter.ExportJson(db.Topology.Current.Installation), await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    [Fact]
    public async Task Import_InvalidDocument_Returns1AndImportsNothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        var input = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(input, """{"sites":[{"name":"DC1"}],"racks":[{"name":"R1","site":"Nowhere"}]}""", TestContext.Current.CancellationToken);

            Assert.Equal(1, await CommandLine.RunAsync(db.Services, ["import", input]));
            Assert.Equal(0, db.Topology.Current.Installation.ObjectCount);
        }
        finally
        {
            File.Delete(input);
        }
    }

    [Fact]
    public async Task Demo_LoadsTheSeedExampleAndTheGeneratedSite()
    {
        await using var db = await TestDatabase.CreateAsync();

        Assert.Equal(0, await CommandLine.RunAsync(db.Services, ["demo"]));

        var inst = db.Topology.Current.Installation;
        Assert.Equal(["DC1", DemoData.GeneratedSiteName], inst.Sites.Select(s => s.Name));
        Assert.Contains(inst.Devices, d => d.Name == "Server");
        Assert.True(CommandLine.IsCommand(["demo"]));
        Assert.False(CommandLine.IsCommand([]));
    }
}
