using PowerMap.Core.Dcim;

namespace PowerMap.Tests.Core.Dcim;

// NetBox prints lookup attributes as a Python dict: strings in Python's repr().
public class ValidationErrorsTests
{
    [Theory]
    [InlineData("PP-1", "'PP-1'")]
    [InlineData("Bob's panel", "\"Bob's panel\"")]
    [InlineData("say \"hi\" it's", "'say \"hi\" it\\'s'")]
    [InlineData("a\\b", "'a\\\\b'")]
    [InlineData("tab\there\n", "'tab\\there\\n'")]
    [InlineData("bell\u0007 nbsp\u00a0 é", "'bell\\x07 nbsp\\xa0 é'")]
    [InlineData("", "''")]
    public void PythonRepr_MatchesPython(string value, string expected) => Assert.Equal(expected, Messages.PythonRepr(value));
}
