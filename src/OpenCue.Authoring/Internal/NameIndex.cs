using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace OpenCue.Authoring.Internal;

/// <summary>
/// A name-to-item map (ordinal) kept in 16 partitions, so that none of its arrays reaches the large
/// object heap before some 30,000 items. One dictionary of 2,000 layer names has an entry array of
/// 97 KB (4,049 entries from 1,932 names on), which .NET allocates there, in the oldest generation:
/// written to while young layers are added, a dead one keeps them alive through every young
/// collection until a full one (most of the outline's build time at 2,000 layers was that).
/// </summary>
/// <typeparam name="T">The items.</typeparam>
internal sealed class NameIndex<T>
    where T : class
{
    private const int PartitionMask = 15;

    private readonly Dictionary<string, T>?[] _partitions = new Dictionary<string, T>?[PartitionMask + 1];

    public bool TryGetValue(string name, [MaybeNullWhen(false)] out T item)
    {
        var partition = _partitions[PartitionOf(name)];
        if (partition is null)
        {
            item = null;
            return false;
        }

        return partition.TryGetValue(name, out item);
    }

    public bool ContainsKey(string name) => _partitions[PartitionOf(name)]?.ContainsKey(name) ?? false;

    public void Set(string name, T item)
    {
        var index = PartitionOf(name);
        var partition = _partitions[index] ??= new Dictionary<string, T>(StringComparer.Ordinal);
        partition[name] = item;
    }

    public bool Remove(string name) => _partitions[PartitionOf(name)]?.Remove(name) ?? false;

    private static int PartitionOf(string name) => StringComparer.Ordinal.GetHashCode(name) & PartitionMask;
}
