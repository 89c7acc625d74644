using Clickcast.Sequences;
using Clickcast.Storage;

namespace Clickcast.Testing;

/// <summary>Reads and compares a tenant's stored sequences.</summary>
public static class StoredSequences
{
    /// <summary>Every stored sequence of <paramref name="tenant"/>, in store order.</summary>
    public static async Task<List<ClientSequence>> ReadAllAsync(IObjectStore store, string tenant)
    {
        var result = new List<ClientSequence>();
        await foreach (var sequence in new SequenceStore(store).ReadAllAsync(tenant, TestContext.Current.CancellationToken))
        {
            result.Add(sequence);
        }

        return result;
    }

    /// <summary>Both lists hold the same clients with the same chains, in the same order.</summary>
    public static void AssertSame(IReadOnlyList<ClientSequence> expected, IReadOnlyList<ClientSequence> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].SameAs(actual[i]), $"client {expected[i]} differs from {actual[i]}");
        }
    }
}
