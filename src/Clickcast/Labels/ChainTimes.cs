using System.Collections;

namespace Clickcast.Labels;

/// <summary>A read-only view of a chain's pooled times as microseconds since the epoch.</summary>
internal sealed class ChainTimes(ChainSlice chain) : IReadOnlyList<long>
{
    public long this[int index] => chain.TimeAt(index);

    public int Count => chain.Length;

    public IEnumerator<long> GetEnumerator()
    {
        for (var i = 0; i < chain.Length; i++)
        {
            yield return chain.TimeAt(i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
