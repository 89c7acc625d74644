using System.Collections;

namespace Clickcast.Labels;

/// <summary>A read-only view of pooled string ids as the strings they stand for.</summary>
internal sealed class ChainStrings(ExampleChains store, int[] ids, int offset, int length) : IReadOnlyList<string>
{
    public string this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, length);
            return store.StringOf(ids[offset + index]);
        }
    }

    public int Count => length;

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < length; i++)
        {
            yield return store.StringOf(ids[offset + i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
