using System.Runtime.CompilerServices;

namespace Clickcast.Sequences;

/// <summary>
/// The strings a range buffer's events point at by index: a non-negative index into <see cref="Table"/> (the
/// reading workers' pools, side by side), a negative one <c>~i</c> into <see cref="Local"/> (strings the buffer holds
/// itself: those no pool kept). An int per field instead of a reference keeps a buffer's columns smaller and gives
/// the collector nothing to mark in them.
/// </summary>
internal sealed class RangeStrings(string[] table, List<string> local)
{
    public string[] Table { get; } = table;

    public List<string> Local { get; } = local;

    public string this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => index >= 0 ? Table[index] : Local[~index];
    }

    /// <summary>
    /// One table of several pools' strings, each after the one before it, and where each pool's indexes start in it:
    /// buffers read with different pools are merged by adding their pool's offset to each index.
    /// </summary>
    public static (string[] Table, int[] Offsets) Join(IReadOnlyList<IReadOnlyList<string>> pools)
    {
        ArgumentNullException.ThrowIfNull(pools);
        var offsets = new int[pools.Count];
        var total = 0;
        for (var p = 0; p < pools.Count; p++)
        {
            offsets[p] = total;
            total = checked(total + pools[p].Count);
        }

        var table = new string[total];
        for (var p = 0; p < pools.Count; p++)
        {
            if (pools[p] is List<string> list)
            {
                list.CopyTo(table, offsets[p]);
                continue;
            }

            for (var i = 0; i < pools[p].Count; i++)
            {
                table[offsets[p] + i] = pools[p][i];
            }
        }

        return (table, offsets);
    }
}
