using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Clickcast.Storage;

namespace Clickcast.Export;

/// <summary>
/// Every export of a task and how its deliveries stand, read from the object-store delivery ledger. Each call lists
/// the task's ledger (keys and version tags, no content); an export whose batch objects are listed with the same
/// tags as on this instance's previous call keeps its summary, the others are read again. So a call reads what
/// changed, not every batch ever delivered, and its answer is the full ledger's.
/// </summary>
public sealed class DeliveryHistory(IObjectStore store)
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<(string Destination, string File), Export>> _tasks = new(StringComparer.Ordinal);

    /// <summary>The task's exports, newest attempt first.</summary>
    public async Task<IReadOnlyList<DeliverySummary>> ListAsync(string tenant, string task, CancellationToken cancellationToken = default)
    {
        var prefix = TenantLayout.TaskLedger(tenant, task) + "exports/";
        var listed = new Dictionary<(string Destination, string File), List<StoredObject>>();
        await foreach (var item in store.ListAsync(prefix, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            // {destination}/{file id}/{index}.json
            var parts = item.Key[prefix.Length..].Split('/');
            if (parts.Length != 3)
            {
                continue;
            }

            if (!listed.TryGetValue((parts[0], parts[1]), out var objects))
            {
                listed[(parts[0], parts[1])] = objects = [];
            }

            objects.Add(item);
        }

        var previous = _tasks.GetValueOrDefault(prefix);
        var current = new Dictionary<(string Destination, string File), Export>(listed.Count);
        foreach (var ((destination, file), objects) in listed)
        {
            var tags = Fingerprint(objects);
            if (previous is null || !previous.TryGetValue((destination, file), out var export) || !export.Tags.AsSpan().SequenceEqual(tags))
            {
                // Read after the listing: what is read is the listed version or a newer one, which the next listing tells.
                var batches = new List<BatchDelivery>(objects.Count);
                foreach (var item in objects)
                {
                    if (await store.TryReadJsonAsync<BatchDelivery>(item.Key, ClickcastJson.Options, cancellationToken).ConfigureAwait(false) is { } batch)
                    {
                        batches.Add(batch);
                    }
                }

                export = new Export(tags, batches.Count == 0 ? null : Summarize(destination, file, batches));
            }

            current[(destination, file)] = export;
        }

        if (current.Count == 0)
        {
            // A task without deliveries (new, or deleted) keeps nothing here.
            _tasks.TryRemove(prefix, out _);
        }
        else
        {
            _tasks[prefix] = current;
        }

        return current.Values
            .Select(e => e.Summary)
            .OfType<DeliverySummary>()
            .OrderByDescending(d => d.LastAttemptAt)
            .ThenBy(d => d.Destination, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>One export's batches as one summary.</summary>
    internal static DeliverySummary Summarize(string destination, string file, IReadOnlyList<BatchDelivery> batches) => new(
        destination,
        file,
        batches.Count,
        batches.Count(b => b.Status == DeliveryStatus.Delivered),
        batches.Count(b => b.Status == DeliveryStatus.Failed),
        batches.Count(b => b.Status == DeliveryStatus.Sending),
        batches.Sum(b => (long)b.Rows),
        batches.Sum(b => b.Attempts),
        batches.Max(b => (DateTimeOffset?)b.LastAttemptAt),
        batches.OrderByDescending(b => b.LastAttemptAt).FirstOrDefault(b => b.LastError is not null)?.LastError);

    /// <summary>SHA-256 over the listed keys and version tags: changes when any batch object is added, removed or rewritten.</summary>
    private static byte[] Fingerprint(List<StoredObject> objects)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var item in objects)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(item.Key + "\n" + item.ETag + "\n"));
        }

        return hash.GetHashAndReset();
    }

    private sealed record Export(byte[] Tags, DeliverySummary? Summary);
}
