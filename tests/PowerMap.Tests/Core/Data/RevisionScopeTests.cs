using PowerMap.Core.Data.Revisions;

namespace PowerMap.Tests.Core.Data;

// What a write may conclude about the database's revision from the revisions it recorded and saw committed.
public class RevisionScopeTests
{
    private static RevisionScope Scope(long[] committed, long[] pending)
    {
        var scope = new RevisionScope("A", null);
        scope.Committed.AddRange(committed);
        scope.Pending.AddRange(pending);
        return scope;
    }

    [Theory]
    [InlineData(new long[] { }, new long[] { }, 10L, 10L)]      // wrote nothing: still the known revision
    [InlineData(new long[] { 11 }, new long[] { }, 10L, 11L)]   // the next one: it is the database's
    [InlineData(new long[] { 11, 12 }, new long[] { }, 10L, 12L)]
    public void RevisionAfter_ContiguousCommits_IsTheLast(long[] committed, long[] pending, long known, long expected) =>
        Assert.Equal(expected, Scope(committed, pending).RevisionAfter(known));

    [Theory]
    [InlineData(new long[] { 12 }, new long[] { }, 10L)]        // a gap: someone else's 11, or a rolled-back number
    [InlineData(new long[] { 11, 13 }, new long[] { }, 10L)]
    [InlineData(new long[] { 11 }, new long[] { 12 }, 10L)]     // recorded but not seen committed
    [InlineData(new long[] { }, new long[] { 11 }, 10L)]
    public void RevisionAfter_GapOrUncommitted_IsUnknown(long[] committed, long[] pending, long known) =>
        Assert.Null(Scope(committed, pending).RevisionAfter(known));
}
