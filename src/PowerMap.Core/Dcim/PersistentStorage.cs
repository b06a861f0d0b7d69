using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace PowerMap.Core.Dcim;

/// <summary>
/// A list stored in chunks of <see cref="ChunkSize"/> items, so that a changed copy shares every chunk it does not touch:
/// replacing or appending an item copies one chunk and the chunk directory (a few KB, never a large-object-heap array
/// at XL), instead of the whole list. Reading by index is two array reads. Inserting or removing in the middle copies
/// the chunks from that point on (still small arrays). <see cref="Add"/> writes in place and is for builders only,
/// on a list no other list shares chunks with.
/// </summary>
internal sealed class ChunkedList<T> : IReadOnlyList<T>
{
    private const int Shift = 8;
    internal const int ChunkSize = 1 << Shift;
    private const int Mask = ChunkSize - 1;

    // Invariant: _chunks.Length == ceil(_count / ChunkSize); every chunk has ChunkSize slots.
    private T[][] _chunks;
    private int _count;

    private ChunkedList(T[][] chunks, int count)
    {
        _chunks = chunks;
        _count = count;
    }

    public static ChunkedList<T> From(IEnumerable<T> items)
    {
        var list = new ChunkedList<T>([], 0);
        foreach (var x in items)
        {
            list.Add(x);
        }
        return list;
    }

    public int Count => _count;

    public T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }
            return _chunks[index >> Shift][index & Mask];
        }
    }

    /// <summary>Appends in place (builders only).</summary>
    public void Add(T item)
    {
        if ((_count & Mask) == 0)
        {
            var chunks = new T[_chunks.Length + 1][];
            Array.Copy(_chunks, chunks, _chunks.Length);
            chunks[^1] = new T[ChunkSize];
            _chunks = chunks;
        }
        _chunks[_count >> Shift][_count & Mask] = item;
        _count++;
    }

    /// <summary>
    /// A list of <paramref name="count"/> items carried over from <paramref name="old"/> by position (<paramref name="from"/>:
    /// new position → old, or -1 for a new item, left default). When <paramref name="identity"/> (every kept item keeps
    /// its position: items only removed at the end or appended) and at most a chunk's worth changed, shares
    /// <paramref name="old"/>'s chunks (the items at and past the first changed position are the caller's to set);
    /// otherwise the chunks before the first moved item are shared and the rest are new.
    /// </summary>
    public static ChunkedList<T> Carry(ChunkedList<T> old, int[] from, bool identity, int count)
    {
        if (identity && Math.Abs(count - old.Count) <= ChunkSize)
        {
            var list = old;
            while (list.Count > count)
            {
                list = list.RemoveAt(list.Count - 1);
            }
            while (list.Count < count)
            {
                list = list.Insert(list.Count, default!);
            }
            return list;
        }
        // The items before the first that moved keep their chunks (a delete near the end copies only the tail).
        int first = 0, kept = Math.Min(count, old.Count);
        while (first < kept && from[first] == first)
        {
            first++;
        }
        var (chunks, firstChunk) = old.Reshaped(count, first);
        for (int i = firstChunk << Shift; i < count; i++)
        {
            chunks[i >> Shift][i & Mask] = from[i] >= 0 ? old[from[i]] : default!;
        }
        return new ChunkedList<T>(chunks, count);
    }

    /// <summary>A copy with the item at <paramref name="index"/> replaced: one chunk and the directory are copied.</summary>
    public ChunkedList<T> SetItem(int index, T item)
    {
        if ((uint)index >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }
        var chunks = (T[][])_chunks.Clone();
        var chunk = (T[])chunks[index >> Shift].Clone();
        chunk[index & Mask] = item;
        chunks[index >> Shift] = chunk;
        return new ChunkedList<T>(chunks, _count);
    }

    /// <summary>A copy with <paramref name="item"/> inserted at <paramref name="index"/> (0 to Count); an append copies the last chunk only.</summary>
    public ChunkedList<T> Insert(int index, T item)
    {
        if ((uint)index > (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }
        var (chunks, first) = Reshaped(_count + 1, index);
        int start = first << Shift;
        for (int i = start; i < index; i++)
        {
            chunks[i >> Shift][i & Mask] = this[i];
        }
        chunks[index >> Shift][index & Mask] = item;
        for (int i = index; i < _count; i++)
        {
            chunks[(i + 1) >> Shift][(i + 1) & Mask] = this[i];
        }
        return new ChunkedList<T>(chunks, _count + 1);
    }

    /// <summary>A copy without the item at <paramref name="index"/>; the chunks before it are shared.</summary>
    public ChunkedList<T> RemoveAt(int index)
    {
        if ((uint)index >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }
        var (chunks, first) = Reshaped(_count - 1, index);
        int start = first << Shift;
        for (int i = start; i < index; i++)
        {
            chunks[i >> Shift][i & Mask] = this[i];
        }
        for (int i = index + 1; i < _count; i++)
        {
            chunks[(i - 1) >> Shift][(i - 1) & Mask] = this[i];
        }
        return new ChunkedList<T>(chunks, _count - 1);
    }

    /// <summary>A directory for <paramref name="count"/> items sharing the chunks before the one holding <paramref name="index"/>; fresh chunks from there.</summary>
    private (T[][] Chunks, int First) Reshaped(int count, int index)
    {
        var chunks = new T[(count + Mask) >> Shift][];
        int first = Math.Min(index >> Shift, chunks.Length);
        Array.Copy(_chunks, chunks, first);
        for (int c = first; c < chunks.Length; c++)
        {
            chunks[c] = new T[ChunkSize];
        }
        return (chunks, first);
    }

    public IEnumerator<T> GetEnumerator()
    {
        var chunks = _chunks;
        int count = _count;
        for (int c = 0; c < chunks.Length; c++)
        {
            var chunk = chunks[c];
            int n = Math.Min(ChunkSize, count - (c << Shift));
            for (int i = 0; i < n; i++)
            {
                yield return chunk[i];
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// A read-only dictionary whose changed copies share one large base dictionary and differ by a small persistent overlay
/// (set or removed keys): a write costs O(log k) for an overlay of k keys instead of copying the dictionary. When the
/// overlay outgrows about 4·√n keys it is folded into a new base (an O(n) copy every few hundred writes at XL). A lookup
/// is the overlay's (empty after a load) then the base's. The in-place methods are for builders only.
/// </summary>
internal sealed class OverlayMap<TKey, TValue> : IReadOnlyDictionary<TKey, TValue> where TKey : notnull
{
    private readonly record struct Slot(TValue Value, bool Present);

    private Dictionary<TKey, TValue> _base;
    private ImmutableDictionary<TKey, Slot> _overlay;
    private int _count;

    public OverlayMap(int capacity = 0, IEqualityComparer<TKey>? comparer = null)
    {
        _base = new Dictionary<TKey, TValue>(capacity, comparer);
        _overlay = ImmutableDictionary.Create<TKey, Slot>(_base.Comparer);
    }

    private OverlayMap(Dictionary<TKey, TValue> @base, ImmutableDictionary<TKey, Slot> overlay, int count)
    {
        _base = @base;
        _overlay = overlay;
        _count = count;
    }

    public IEqualityComparer<TKey> Comparer => _base.Comparer;

    public int Count => _count;

    /// <summary>Keys set or removed since the base was last built (for tests).</summary>
    internal int OverlayCount => _overlay.Count;

    public TValue this[TKey key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The key '{key}' was not present.");

    public bool ContainsKey(TKey key) => TryGetValue(key, out _);

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (!_overlay.IsEmpty && _overlay.TryGetValue(key, out var slot))
        {
            value = slot.Value;
            return slot.Present;
        }
        return _base.TryGetValue(key, out value);
    }

    /// <summary>Sets <paramref name="key"/> in place (builders only).</summary>
    public void SetInPlace(TKey key, TValue value)
    {
        if (_overlay.IsEmpty)
        {
            _base[key] = value;
            _count = _base.Count;
            return;
        }
        if (!ContainsKey(key))
        {
            _count++;
        }
        _overlay = _overlay.SetItem(key, new Slot(value, true));
    }

    /// <summary>Adds <paramref name="key"/> in place unless present (builders only).</summary>
    public bool TryAddInPlace(TKey key, TValue value)
    {
        if (ContainsKey(key))
        {
            return false;
        }
        SetInPlace(key, value);
        return true;
    }

    /// <summary>A copy with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    public OverlayMap<TKey, TValue> SetItem(TKey key, TValue value) =>
        With(_overlay.SetItem(key, new Slot(value, true)), ContainsKey(key) ? _count : _count + 1);

    /// <summary>A copy without <paramref name="key"/> (this same map when it has no such key).</summary>
    public OverlayMap<TKey, TValue> Remove(TKey key)
    {
        if (!ContainsKey(key))
        {
            return this;
        }
        var overlay = _base.ContainsKey(key) ? _overlay.SetItem(key, new Slot(default!, false)) : _overlay.Remove(key);
        return With(overlay, _count - 1);
    }

    private OverlayMap<TKey, TValue> With(ImmutableDictionary<TKey, Slot> overlay, int count)
    {
        var next = new OverlayMap<TKey, TValue>(_base, overlay, count);
        return overlay.Count > Math.Max(64, 4 * (int)Math.Sqrt(_base.Count)) ? next.Compacted() : next;
    }

    private OverlayMap<TKey, TValue> Compacted()
    {
        var @base = new Dictionary<TKey, TValue>(_count, _base.Comparer);
        foreach (var (k, v) in this)
        {
            @base[k] = v;
        }
        return new OverlayMap<TKey, TValue>(@base, ImmutableDictionary.Create<TKey, Slot>(_base.Comparer), _count);
    }

    public IEnumerable<TKey> Keys => this.Select(kv => kv.Key);

    public IEnumerable<TValue> Values => this.Select(kv => kv.Value);

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator()
    {
        var overlay = _overlay;
        foreach (var kv in _base)
        {
            if (overlay.IsEmpty || !overlay.ContainsKey(kv.Key))
            {
                yield return kv;
            }
        }
        foreach (var (k, slot) in overlay)
        {
            if (slot.Present)
            {
                yield return new KeyValuePair<TKey, TValue>(k, slot.Value);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
