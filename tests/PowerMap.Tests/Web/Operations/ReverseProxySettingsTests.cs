using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using PowerMap.Web.Features.Operations;

namespace PowerMap.Tests.Web.Operations;

public class ReverseProxySettingsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Unset_TrustsForwardedProtoAndFor_FromLoopbackOnly()
    {
        var options = ReverseProxySettings.Read(Config());

        Assert.Equal(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, options.ForwardedHeaders);
        Assert.Equal([IPAddress.IPv6Loopback], options.KnownProxies);
        Assert.Contains(options.KnownIPNetworks, n => n.Contains(IPAddress.Loopback));
        Assert.DoesNotContain(options.KnownIPNetworks, n => n.Contains(IPAddress.Parse("10.0.0.5")));
    }

    [Fact]
    public void KnownProxies_CommaSeparatedOrAsAList_AreAdded()
    {
        var text = ReverseProxySettings.Read(Config((ReverseProxySettings.KnownProxiesKey, "10.0.0.5, 2001:db8::7")));
        var list = ReverseProxySettings.Read(Config((ReverseProxySettings.KnownProxiesKey + ":0", "10.0.0.5"), (ReverseProxySettings.KnownProxiesKey + ":1", "2001:db8::7")));

        foreach (var options in new[] { text, list })
        {
            Assert.Contains(IPAddress.Parse("10.0.0.5"), options.KnownProxies);
            Assert.Contains(IPAddress.Parse("2001:db8::7"), options.KnownProxies);
        }
    }

    [Fact]
    public void NotAnAddress_StartUpErrorNamesTheKey()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => ReverseProxySettings.Read(Config((ReverseProxySettings.KnownProxiesKey, "10.0.0.5,nginx-host"))));

        Assert.StartsWith(ReverseProxySettings.KnownProxiesKey + ": 'nginx-host'", ex.Message);
    }
}
