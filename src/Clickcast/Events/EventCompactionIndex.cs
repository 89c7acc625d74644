using Clickcast.Storage;

namespace Clickcast.Events;

/// <summary>
/// The commit of one (period, shard) folder's compaction, <c>compaction.json</c> beside its files: which compacted
/// files are live and which source files' rows each holds. Written whole, in one PUT: a compacted file it does not
/// list is invisible, a source file it lists is hidden (<see cref="EventLayout"/>).
/// </summary>
/// <param name="Files">Live compacted files, by name.</param>
public sealed record EventCompactionIndex(IReadOnlyList<CompactedEventFile> Files)
{
    /// <summary>The object name of a folder's index.</summary>
    public const string FileName = "compaction.json";

    /// <summary>The prefix of compacted files' names; source files' names (hex ids) never start with it.</summary>
    public const string CompactedPrefix = "compact-";

    /// <summary>Whether <paramref name="name"/> is a compacted file's name.</summary>
    public static bool IsCompacted(string name) => name.StartsWith(CompactedPrefix, StringComparison.Ordinal);

    /// <summary>The key of the index of one (period, shard) folder.</summary>
    public static string KeyOf(string tenant, string period, int shard, int shards) => EventFileKey.ShardPrefix(tenant, period, shard, shards) + FileName;

    /// <summary>Parses an index key into its folder (as a key with an empty-ish name); false for anything else.</summary>
    public static bool TryParseKey(string tenant, string key, out EventFileKey folder)
    {
        folder = default;
        if (key is null || !key.EndsWith("/" + FileName, StringComparison.Ordinal)
            || !EventFileKey.TryParse(tenant, key[..^FileName.Length] + "compaction.parquet", out var parsed))
        {
            return false;
        }

        folder = parsed.Value;
        return true;
    }

    /// <summary>Reads the index of a folder, or null when it has none.</summary>
    public static Task<EventCompactionIndex?> ReadAsync(IObjectStore store, string key, CancellationToken cancellationToken) =>
        store.TryReadJsonAsync<EventCompactionIndex>(key, ClickcastJson.Options, cancellationToken);

    /// <summary>Names of the source files the live compacted files hold.</summary>
    public HashSet<string> CoveredSources() => [.. Files.SelectMany(f => f.Sources).Select(s => s.Name)];
}

/// <summary>One compacted file: its name and its sources, each a contiguous row range, in row order.</summary>
public sealed record CompactedEventFile(string Name, IReadOnlyList<CompactedSource> Sources)
{
    /// <summary>Events in the file.</summary>
    public long Rows => Sources.Sum(s => s.Rows);
}

/// <summary>
/// The rows of one source file inside a compacted file: rows <paramref name="First"/> to First + Rows - 1;
/// <paramref name="From"/> names the compacted file they were merged out of, if any (a small compacted file merged
/// again), so that a reader that had read that file knows these rows too.
/// </summary>
public sealed record CompactedSource(string Name, long First, long Rows, string? From = null);
