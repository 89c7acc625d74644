using System.Security.Cryptography;
using System.Text;

namespace Clickcast.Events;

/// <summary>
/// A tombstone: the rows of source <paramref name="Source"/> inside compacted file <paramref name="Compacted"/> are
/// released (a re-ingest replaces them). One empty object per (compacted file, source), written once and never
/// rewritten, so that releases on different workers never read-modify-write a shared object. A compacted file with a
/// tombstone is hidden; its other sources are then read from their rescue files (<see cref="RescueName"/>).
/// </summary>
public sealed record EventRelease(string Compacted, string Source)
{
    /// <summary>The prefix of tombstones' object names.</summary>
    public const string Prefix = "released-";

    /// <summary>The prefix of rescue files' names: one source's rows copied out of a released compacted file.</summary>
    public const string RescuePrefix = "rescue-";

    private const string Suffix = ".json";

    /// <summary>The object key of this tombstone in its folder.</summary>
    public string KeyOf(string tenant, string period, int shard, int shards) =>
        EventFileKey.ShardPrefix(tenant, period, shard, shards) + Prefix + Compacted[EventCompactionIndex.CompactedPrefix.Length..] + "-" + Source + Suffix;

    /// <summary>The events file name holding <paramref name="source"/>'s rows of <paramref name="compacted"/> once it is released: deterministic, so that every release writes the same.</summary>
    public static string RescueName(string compacted, string source) =>
        RescuePrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(compacted + "\n" + source)))[..24];

    /// <summary>Parses a tombstone key into its folder and release; false for anything else.</summary>
    public static bool TryParseKey(string tenant, string key, out EventFileKey folder, out EventRelease? release)
    {
        folder = default;
        release = null;
        var slash = key?.LastIndexOf('/') ?? -1;
        if (slash < 0 || !key![(slash + 1)..].StartsWith(Prefix, StringComparison.Ordinal) || !key.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = key[(slash + 1 + Prefix.Length)..^Suffix.Length];
        if (rest.Length < 26 || rest[24] != '-' || !EventFileKey.TryParse(tenant, key[..(slash + 1)] + rest[25..] + ".parquet", out var parsed))
        {
            return false;
        }

        folder = parsed.Value;
        release = new EventRelease(EventCompactionIndex.CompactedPrefix + rest[..24], rest[25..]);
        return true;
    }
}
