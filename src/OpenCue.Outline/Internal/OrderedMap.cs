using System;
using System.Collections;
using System.Collections.Generic;

namespace OpenCue.Outline.Internal
{
    /// <summary>
    /// A string-keyed map that keeps insertion order, like a Python dict: setting an existing key
    /// replaces its value in place. Used for environments and outputs, whose order reaches the spec.
    /// </summary>
    internal sealed class OrderedMap : IReadOnlyDictionary<string, string>
    {
        private readonly List<string> _keys = new List<string>();
        private readonly Dictionary<string, string> _values = new Dictionary<string, string>(StringComparer.Ordinal);

        public int Count => _keys.Count;

        public IEnumerable<string> Keys => _keys;

        public IEnumerable<string> Values
        {
            get
            {
                foreach (var key in _keys)
                {
                    yield return _values[key];
                }
            }
        }

        public string this[string key] => _values[key];

        /// <summary>Sets a value; returns the previous value, or null when the key is new.</summary>
        public string? Set(string key, string value)
        {
            if (_values.TryGetValue(key, out var previous))
            {
                _values[key] = value;
                return previous;
            }

            _keys.Add(key);
            _values[key] = value;
            return null;
        }

        public bool Remove(string key)
        {
            if (!_values.Remove(key))
            {
                return false;
            }

            _keys.Remove(key);
            return true;
        }

        public void Clear()
        {
            _keys.Clear();
            _values.Clear();
        }

        public bool ContainsKey(string key) => _values.ContainsKey(key);

        public bool TryGetValue(string key, out string value)
        {
            if (_values.TryGetValue(key, out var found))
            {
                value = found;
                return true;
            }

            value = string.Empty;
            return false;
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
        {
            foreach (var key in _keys)
            {
                yield return new KeyValuePair<string, string>(key, _values[key]);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
