using System.Collections.Concurrent;

namespace Clickcast.Storage;

/// <summary>
/// Values read from groups of listed objects, kept between calls so that a call reads only what changed. Each call
/// takes a listing (keys and version tags, no content), groups its objects (one value per group), and reads again
/// only the groups whose objects or tags differ from the previous call's in the same scope; the others keep their
/// value. Never stale as of the listing: a changed group is read again, a group no longer listed is dropped, and a
/// group whose read found nothing keeps nothing (it is read again next time).
/// </summary>
/// <typeparam name="TValue">What is kept per group (keep it small: one per group stays in memory).</typeparam>
public sealed class ChangedObjects<TValue>
    where TValue : class
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, Entry>> _scopes = new(StringComparer.Ordinal);

    /// <summary>
    /// The value of every group of <paramref name="listing"/> as of this listing (or newer), in the order the groups
    /// were first listed.
    /// </summary>
    /// <param name="scope">What the listing covers (a tenant, a prefix): the previous call of the same scope is the baseline.</param>
    /// <param name="listing">The objects, with their version tags.</param>
    /// <param name="groupOf">The group of an object, or null to pass it over.</param>
    /// <param name="read">Reads a group's value from its listed objects (after the listing), or null when there is none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<TValue>> ReadAsync(
        string scope,
        IAsyncEnumerable<StoredObject> listing,
        Func<StoredObject, string?> groupOf,
        Func<string, IReadOnlyList<StoredObject>, CancellationToken, Task<TValue?>> read,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(groupOf);
        ArgumentNullException.ThrowIfNull(read);
        var groups = new List<(string Group, List<StoredObject> Objects)>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var item in listing.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (groupOf(item) is not { } group)
            {
                continue;
            }

            if (!index.TryGetValue(group, out var at))
            {
                index[group] = at = groups.Count;
                groups.Add((group, []));
            }

            groups[at].Objects.Add(item);
        }

        var previous = _scopes.GetValueOrDefault(scope);
        var current = new Dictionary<string, Entry>(groups.Count, StringComparer.Ordinal);
        var values = new List<TValue>(groups.Count);
        foreach (var (group, objects) in groups)
        {
            if (previous is null || !previous.TryGetValue(group, out var entry) || !entry.Version.Matches(objects))
            {
                // Read after the listing: what is read is the listed version or a newer one, which the next listing tells.
                if (await read(group, objects, cancellationToken).ConfigureAwait(false) is not { } value)
                {
                    continue;
                }

                entry = new Entry(ObjectsVersion.Of(objects), value);
            }

            current[group] = entry;
            values.Add(entry.Value);
        }

        if (current.Count == 0)
        {
            // A scope with nothing listed (new, or deleted) keeps nothing here.
            _scopes.TryRemove(scope, out _);
        }
        else
        {
            _scopes[scope] = current;
        }

        return values;
    }

    private sealed record Entry(ObjectsVersion Version, TValue Value);
}
