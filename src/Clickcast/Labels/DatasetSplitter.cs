namespace Clickcast.Labels;

/// <summary>
/// Assigns a client to a split from its hash, so it stays in the same split across retrains and champion and
/// challenger can be compared on the same test clients.
/// </summary>
public static class DatasetSplitter
{
    /// <summary>The split of a client hash for the given shares.</summary>
    public static DatasetSplit SplitOf(ulong clientHash, double validationShare, double testShare)
    {
        // Remix the hash (SplitMix64's finaliser) so splits do not line up with the hash ranges segments use.
        var z = clientHash + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        var u = (z >> 11) * (1.0 / (1UL << 53));
        return u < testShare ? DatasetSplit.Test : u < testShare + validationShare ? DatasetSplit.Validation : DatasetSplit.Train;
    }
}
