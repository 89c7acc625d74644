namespace Clickcast.Tenants;

/// <summary>
/// The rule for the tenant's shard count in a definition edit: it never changes by an edit. A new count in a plain
/// update would make ingest write a second layout beside the first and split the tenant's events in two; only the
/// explicit re-shard (<c>clickcast reshard</c>, <c>POST /api/tenants/{tenant}/reshard</c>) rewrites the events and
/// then changes the count.
/// </summary>
public static class ShardsEdit
{
    /// <summary>Why an edit from <paramref name="current"/> to <paramref name="requested"/> shards is refused, or null when the count stays.</summary>
    public static string? Problem(string tenant, int current, int requested) =>
        current == requested
            ? null
            : $"shards: the tenant has {current} shard(s) and a definition update cannot change that (it would split its events in two layouts). "
              + $"Re-shard explicitly: clickcast reshard --tenant {tenant} --shards {requested} (POST /api/tenants/{tenant}/reshard), "
              + $"or keep \"shards\": {current} in the definition.";
}
