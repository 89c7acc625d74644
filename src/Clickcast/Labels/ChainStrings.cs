using System.Collections;

namespace Clickcast.Labels;

/// <summary>A read-only view of a chain's pooled URL (or type) ids as the strings they stand for.</summary>
internal sealed class ChainStrings(ChainSlice chain, bool urls) : IReadOnlyList<string>
{
    public string this[int index] => urls ? chain.UrlAt(index) : chain.TypeAt(index);

    public int Count => chain.Length;

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < chain.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
