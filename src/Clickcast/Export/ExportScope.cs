using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Clickcast.Storage;

namespace Clickcast.Export;

/// <summary>One export: one predictions file of one task, delivered to one destination. Its batches share this scope.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Task">The task.</param>
/// <param name="PredictionsFileId">The predictions file's name without <c>.parquet</c>.</param>
/// <param name="Destination">The destination's name.</param>
public readonly record struct ExportScope(string Tenant, string Task, string PredictionsFileId, string Destination)
{
    /// <summary>
    /// The stable id of batch <paramref name="index"/> of <paramref name="batchSize"/> rows: the first 32 hex digits of
    /// SHA-256 over the scope, the batch size and the index. It is the webhook's <c>Idempotency-Key</c> and
    /// <c>batch_id</c> and names the Join file, so a resend after a crash or a timeout carries the same id.
    /// </summary>
    public string BatchId(int batchSize, int index)
    {
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"clickcast-export/1\n{Tenant}\n{Task}\n{PredictionsFileId}\n{Destination}\n{batchSize}\n{index}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    /// <summary>Where a <see cref="ExportDestinationKind.Files"/> destination writes: <c>tenants/{t}/tasks/{task}/exports/{destination}/{id}</c> + extension.</summary>
    public string FileKey(string extension) =>
        TenantLayout.Exports(Tenant, Task) + Destination + "/" + PredictionsFileId + extension;
}
