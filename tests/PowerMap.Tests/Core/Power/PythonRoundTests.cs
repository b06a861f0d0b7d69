using PowerMap.Core.Power;

namespace PowerMap.Tests.Core.Power;

// Python's round() on the exact binary value, where Math.Round(x, 1) and decimal disagree.
public class PythonRoundTests
{
    [Theory]
    [InlineData(201.0 / 2000 * 100, 1, 10.1)]
    [InlineData(211.0 / 2000 * 100, 1, 10.5)]
    [InlineData(0.125, 1, 0.1)]
    [InlineData(0.25, 1, 0.2)]
    [InlineData(0.35, 1, 0.3)]
    [InlineData(2.675, 2, 2.67)]
    [InlineData(100.0 / 3, 1, 33.3)]
    [InlineData(470.0 / 2944 * 100, 1, 16.0)]
    [InlineData(99.95, 1, 100.0)]
    [InlineData(74.95, 1, 75.0)]
    [InlineData(-0.05, 1, -0.1)]
    [InlineData(1e-320, 1, 0.0)]
    [InlineData(12.0, 1, 12.0)]
    public void Round_MatchesPython(double x, int digits, double expected) =>
        Assert.Equal(expected, PythonRound.Round(x, digits));

    [Fact]
    public void Round_DiffersFromMathRound_OnTheSpecExample()
    {
        // The reason the helper exists: .NET rounds 10.050000000000000710… down and 10.549999999999998934… up.
        Assert.NotEqual(PythonRound.Round(201.0 / 2000 * 100, 1), Math.Round(201.0 / 2000 * 100, 1));
        Assert.Equal(10.1, PythonRound.Round(201.0 / 2000 * 100, 1));
        Assert.Equal(10.5, PythonRound.Round(211.0 / 2000 * 100, 1));
    }

    [Theory]
    [InlineData(0.5, 0)]
    [InlineData(1.5, 2)]
    [InlineData(2.5, 2)]
    [InlineData(412.5, 412)]
    [InlineData(1512.5000000000002, 1513)]
    [InlineData(-2.5, -2)]
    public void ToInteger_RoundsHalfToEven(double x, long expected) => Assert.Equal(expected, PythonRound.ToInteger(x));
}
