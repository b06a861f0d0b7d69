using PowerMap.Web.Components.Shared;

namespace PowerMap.Tests.Web.Shared;

public class FormatTests
{
    // Up to four digits as NetBox and the spec write them ("470 VA / 2944 VA"); from five digits on grouped, so a site's
    // 1,395,392 VA reads at a glance.
    [Theory]
    [InlineData(0, "0 VA")]
    [InlineData(2944, "2944 VA")]
    [InlineData(9999, "9999 VA")]
    [InlineData(10_000, "10,000 VA")]
    [InlineData(1_395_392, "1,395,392 VA")]
    [InlineData(-320, "-320 VA")]
    [InlineData(-12_000, "-12,000 VA")]
    public void VoltAmps_GroupsFromFiveDigits(long value, string expected) => Assert.Equal(expected, Format.VoltAmps(value));

    [Fact]
    public void Usage_AndWatts_FollowTheSameRule()
    {
        Assert.Equal("470 VA / 2944 VA", Format.Usage(470, 2944));
        Assert.Equal("38,000 VA / 69,280 VA", Format.Usage(38_000, 69_280));
        Assert.Equal("350 W", Format.Watts(350));
        Assert.Equal("17,736 W", Format.Watts(17_736));
        Assert.Equal("1,395.4 kVA", Format.KiloVoltAmps(1_395_392));
    }
}
