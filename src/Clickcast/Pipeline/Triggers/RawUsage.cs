namespace Clickcast.Pipeline.Triggers;

/// <summary>What a tenant stores under its raw prefix, as the object sensor has recorded it (one SQL sum, no listing).</summary>
/// <param name="StoredBytes">Bytes of the current version of every raw file of the tenant.</param>
/// <param name="KeyBytes">Bytes of the current version of the one key asked about (0 when it is new): what a new version of it replaces.</param>
public readonly record struct RawUsage(long StoredBytes, long KeyBytes)
{
    /// <summary>Bytes stored once the asked key is replaced by a file of <paramref name="bytes"/> bytes.</summary>
    public long After(long bytes) => StoredBytes - KeyBytes + bytes;
}
