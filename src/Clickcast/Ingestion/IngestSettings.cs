using System.Security.Cryptography;
using System.Text.Json;
using Clickcast.Storage;

namespace Clickcast.Ingestion;

/// <summary>
/// The version of a tenant's ingest settings as far as events depend on them: a hash of every setting except the
/// ones that change only speed. A file ingested under another version is ingested again, its events replaced.
/// </summary>
internal static class IngestSettings
{
    public static string Fingerprint(IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var node = JsonSerializer.SerializeToNode(options, ClickcastJson.Options)!.AsObject();
        node.Remove("maxParallelFiles");
        node.Remove("duplicateContent");
        var bytes = JsonSerializer.SerializeToUtf8Bytes(node, ClickcastJson.Options);
        return Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
    }
}
