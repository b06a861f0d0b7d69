using CsCheck;
using PowerMap.Core.Dcim;

namespace PowerMap.Tests.Core.Dcim;

// ChunkedList and OverlayMap against List and Dictionary: after any sequence of copy-making edits every version reads
// as its plain counterpart, and older versions are unchanged (they share chunks and bases with the newer ones).
public class PersistentStorageTests
{
    // Sizes around the chunk size, so edits land in the first, a middle and the last (partial) chunk.
    private static readonly Gen<int> Sizes = Gen.OneOf(Gen.Int[0, 5], Gen.Int[ChunkedList<int>.ChunkSize - 3, ChunkedList<int>.ChunkSize + 3], Gen.Int[600, 1100]);
    private static readonly Gen<(int Op, int Pick, int Value)[]> ListOps = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 100_000], Gen.Int).Array[1, 40];

    [Fact]
    public void ChunkedList_AfterRandomEdits_EveryVersionEqualsItsList()
    {
        Gen.Select(Sizes, ListOps).Sample((size, ops) =>
        {
            var plain = Enumerable.Range(0, size).ToList();
            var chunked = ChunkedList<int>.From(plain);
            var versions = new List<(ChunkedList<int>, List<int>)> { (chunked, [.. plain]) };
            foreach (var (op, pick, value) in ops)
            {
                switch (op)
                {
                    case 0 when plain.Count > 0:
                        int set = pick % plain.Count;
                        plain[set] = value;
                        chunked = chunked.SetItem(set, value);
                        break;
                    case 1 when plain.Count > 0:
                        int remove = pick % plain.Count;
                        plain.RemoveAt(remove);
                        chunked = chunked.RemoveAt(remove);
                        break;
                    case 2:
                        plain.Add(value);
                        chunked = chunked.Insert(chunked.Count, value);
                        break;
                    default:
                        int insert = pick % (plain.Count + 1);
                        plain.Insert(insert, value);
                        chunked = chunked.Insert(insert, value);
                        break;
                }
                versions.Add((chunked, [.. plain]));
            }
            foreach (var (list, expected) in versions)
            {
                Assert.Equal(expected.Count, list.Count);
                Assert.Equal(expected, list);
                Assert.Equal(expected, Enumerable.Range(0, list.Count).Select(i => list[i]));
            }
        }, iter: 200);
    }

    [Fact]
    public void ChunkedList_IndexOutOfRange_Throws()
    {
        var list = ChunkedList<int>.From([1, 2, 3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list.SetItem(-1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => list.Insert(4, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => list.RemoveAt(3));
    }

    [Fact]
    public void ChunkedList_SetItem_SharesTheUntouchedChunks()
    {
        var list = ChunkedList<int>.From(Enumerable.Range(0, 3 * ChunkedList<int>.ChunkSize));
        var next = list.SetItem(0, -1);
        Assert.Equal(0, list[0]);
        Assert.Equal(-1, next[0]);
        // The same chunk object behind both: an in-place append on a builder would show in both (it is builders only).
        Assert.Equal(list.Skip(ChunkedList<int>.ChunkSize), next.Skip(ChunkedList<int>.ChunkSize));
    }

    private static readonly Gen<(int Op, int Key, int Value)[]> MapOps = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 400], Gen.Int).Array[1, 600];

    [Fact]
    public void OverlayMap_AfterRandomEdits_EveryVersionEqualsItsDictionary()
    {
        Gen.Select(Gen.Int[0, 300], MapOps).Sample((size, ops) =>
        {
            var plain = Enumerable.Range(0, size).ToDictionary(i => i, i => i * 10);
            var map = new OverlayMap<int, int>();
            foreach (var (k, v) in plain)
            {
                map.SetInPlace(k, v);
            }
            var versions = new List<(OverlayMap<int, int>, Dictionary<int, int>)> { (map, new(plain)) };
            foreach (var (op, key, value) in ops)
            {
                if (op == 0)
                {
                    plain.Remove(key);
                    map = map.Remove(key);
                }
                else
                {
                    plain[key] = value;
                    map = map.SetItem(key, value);
                }
                versions.Add((map, new(plain)));
            }
            foreach (var (version, expected) in versions)
            {
                Assert.Equal(expected.Count, version.Count);
                Assert.Equal(expected.OrderBy(kv => kv.Key), version.OrderBy(kv => kv.Key));
                for (int key = -1; key <= 401; key++)
                {
                    Assert.Equal(expected.TryGetValue(key, out var e), version.TryGetValue(key, out var v));
                    Assert.Equal(e, v);
                }
            }
        }, iter: 100);
    }

    [Fact]
    public void OverlayMap_ManyWrites_FoldTheOverlayIntoANewBase()
    {
        var map = new OverlayMap<int, string>();
        for (int i = 0; i < 10_000; i++)
        {
            map.SetInPlace(i, "x");
        }
        for (int i = 0; i < 1_000; i++)
        {
            map = map.SetItem(20_000 + i, "y");
            // About 4·√n keys at most before the fold (400 for the first 10,000; the base grows with each fold).
            Assert.InRange(map.OverlayCount, 0, 4 * (int)Math.Sqrt(map.Count));
        }
        Assert.Equal(11_000, map.Count);
        Assert.True(map.OverlayCount < 1_000, "the overlay was folded at least once");
        Assert.Equal("y", map[20_999]);
    }

    [Fact]
    public void OverlayMap_Comparer_AppliesToTheOverlay()
    {
        var map = new OverlayMap<string, int>(0, StringComparer.OrdinalIgnoreCase);
        map.SetInPlace("A", 1);
        var next = map.SetItem("b", 2).Remove("a");
        Assert.True(next.TryGetValue("B", out var b));
        Assert.Equal(2, b);
        Assert.False(next.ContainsKey("A"));
        Assert.True(map.ContainsKey("a"));
    }
}
