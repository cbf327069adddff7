using System;
using System.Collections;
using System.Collections.Generic;

namespace OpenCue.Authoring.Internal;

/// <summary>
/// A string-keyed map that keeps insertion order, like a Python dict: setting an existing key
/// replaces its value in place. Used for environments and outputs, whose order reaches the spec.
/// </summary>
/// <remarks>
/// Keys and values live in one array, in order; maps this small (a layer's few env vars) are searched by a
/// scan, and a key index is built only past <see cref="IndexThreshold"/> entries. An empty map
/// allocates nothing but itself. <see cref="GetEnumerator"/> is a struct, so the writers and the
/// validator walk a map without allocating.
/// </remarks>
internal sealed class OrderedMap : IReadOnlyDictionary<string, string>
{
    private const int IndexThreshold = 8;

    /// <summary>An empty map for readers of maps not made yet; never set anything in it.</summary>
    public static readonly OrderedMap Empty = new OrderedMap();

    // Keys at even positions, each followed by its value.
    private string[]? _items;
    private int _count;
    private Dictionary<string, int>? _index;

    public int Count => _count;

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var entry in this)
            {
                yield return entry.Key;
            }
        }
    }

    public IEnumerable<string> Values
    {
        get
        {
            foreach (var entry in this)
            {
                yield return entry.Value;
            }
        }
    }

    public string this[string key]
    {
        get
        {
            var i = IndexOf(key);
            return i >= 0 ? _items![(2 * i) + 1] : throw new KeyNotFoundException("The key '" + key + "' was not present in the map.");
        }
    }

    /// <summary>Sets a value; returns the previous value, or null when the key is new.</summary>
    public string? Set(string key, string value)
    {
        var i = IndexOf(key);
        if (i >= 0)
        {
            var previous = _items![(2 * i) + 1];
            _items[(2 * i) + 1] = value;
            return previous;
        }

        if (_items is null || 2 * _count == _items.Length)
        {
            Array.Resize(ref _items, _items is null ? 4 : _items.Length * 2);
        }

        _items[2 * _count] = key;
        _items[(2 * _count) + 1] = value;
        _count++;
        if (_index != null)
        {
            _index[key] = _count - 1;
        }
        else if (_count > IndexThreshold)
        {
            BuildIndex();
        }

        return null;
    }

    public bool Remove(string key)
    {
        var i = IndexOf(key);
        if (i < 0)
        {
            return false;
        }

        _count--;
        Array.Copy(_items!, (2 * i) + 2, _items!, 2 * i, 2 * (_count - i));
        _items![2 * _count] = null!;
        _items[(2 * _count) + 1] = null!;
        _index = null;
        if (_count > IndexThreshold)
        {
            BuildIndex();
        }

        return true;
    }

    public void Clear()
    {
        if (_items != null)
        {
            Array.Clear(_items, 0, 2 * _count);
        }

        _count = 0;
        _index = null;
    }

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out string value)
    {
        var i = IndexOf(key);
        if (i >= 0)
        {
            value = _items![(2 * i) + 1];
            return true;
        }

        value = string.Empty;
        return false;
    }

    /// <summary>The entries in insertion order, without allocating.</summary>
    public Enumerator GetEnumerator() => new Enumerator(this);

    IEnumerator<KeyValuePair<string, string>> IEnumerable<KeyValuePair<string, string>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        if (_index != null)
        {
            return _index.TryGetValue(key, out var found) ? found : -1;
        }

        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_items![2 * i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private void BuildIndex()
    {
        var index = new Dictionary<string, int>(_count, StringComparer.Ordinal);
        for (var i = 0; i < _count; i++)
        {
            index[_items![2 * i]] = i;
        }

        _index = index;
    }

    /// <summary>Walks the entries in insertion order.</summary>
    public struct Enumerator : IEnumerator<KeyValuePair<string, string>>
    {
        private readonly OrderedMap _map;
        private int _position;

        internal Enumerator(OrderedMap map)
        {
            _map = map;
            _position = -1;
        }

        public readonly KeyValuePair<string, string> Current => new KeyValuePair<string, string>(_map._items![2 * _position], _map._items[(2 * _position) + 1]);

        readonly object IEnumerator.Current => Current;

        public bool MoveNext() => ++_position < _map._count;

        public void Reset() => _position = -1;

        public readonly void Dispose()
        {
        }
    }
}
