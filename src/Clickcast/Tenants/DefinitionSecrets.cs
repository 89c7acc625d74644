using System.Text.Json;
using Clickcast.Export;
using Clickcast.Storage;

namespace Clickcast.Tenants;

/// <summary>
/// The secrets inside definitions — each export destination's webhook secret and CDP Join token: masked for every
/// response, kept when an update sends the mask back, encrypted at rest.
/// </summary>
public static class DefinitionSecrets
{
    /// <summary>What a response shows instead of a secret; sending it back keeps the stored secret.</summary>
    public const string Mask = "********";

    /// <summary>Prefix of a secret in its stored (protected) form.</summary>
    internal const string ProtectedPrefix = "protected:";

    /// <summary>A copy with every secret replaced by <see cref="Mask"/>.</summary>
    public static TenantDefinition Masked(TenantDefinition tenant) => Transform(tenant, static s => s.Length == 0 ? s : Mask);

    /// <summary>A copy of one task with every secret replaced by <see cref="Mask"/>.</summary>
    public static TaskDefinition Masked(TaskDefinition task) => Transform(task, static s => s.Length == 0 ? s : Mask);

    /// <summary>
    /// Fills every secret of <paramref name="incoming"/> that is empty or the mask from the destination of the same
    /// name in <paramref name="existing"/>, so a definition read from the API can be sent back changed elsewhere. A
    /// destination whose URL changed gets no stored secret (it stays empty): use the overload that says why.
    /// </summary>
    public static TaskDefinition KeepUnchanged(TaskDefinition incoming, TaskDefinition? existing) => KeepUnchanged(incoming, existing, out _);

    /// <summary>
    /// Fills every secret of <paramref name="incoming"/> that is empty or the mask from the destination of the same
    /// name and kind in <paramref name="existing"/> — unless the destination's URL changed (any of the webhook URL,
    /// the Join base URL or file manager URL): a stored secret goes only to the URLs it was set for, so a changed URL
    /// needs its secret sent again. <paramref name="problems"/> names each such secret by path
    /// (<c>exports[0].join.token</c>).
    /// </summary>
    public static TaskDefinition KeepUnchanged(TaskDefinition incoming, TaskDefinition? existing, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        var copy = Copy(incoming);
        var found = new List<string>();
        for (var i = 0; i < copy.Exports.Count; i++)
        {
            var destination = copy.Exports[i];
            var before = existing?.Exports.FirstOrDefault(d => d.Name == destination.Name && d.Kind == destination.Kind);
            if (IsUnchanged(destination.Webhook.Secret))
            {
                destination.Webhook.Secret = Kept(before?.Webhook.Secret, before is null || SameUrl(before.Webhook.Url, destination.Webhook.Url), $"exports[{i}].webhook.secret", found);
            }

            if (IsUnchanged(destination.Join.Token))
            {
                var sameUrls = before is null
                    || (SameUrl(before.Join.BaseUrl, destination.Join.BaseUrl) && SameUrl(before.Join.ResolvedFileManagerUrl, destination.Join.ResolvedFileManagerUrl));
                destination.Join.Token = Kept(before?.Join.Token, sameUrls, $"exports[{i}].join.token", found);
            }
        }

        problems = found;
        return copy;
    }

    private static string Kept(string? stored, bool sameUrl, string path, List<string> problems)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return string.Empty;
        }

        if (!sameUrl)
        {
            problems.Add($"{path}: the destination's URL changed, so send its secret again (a stored secret is only ever sent to the URL it was set for)");
            return string.Empty;
        }

        return stored;
    }

    private static bool SameUrl(string? before, string? now) => string.Equals(before ?? string.Empty, now ?? string.Empty, StringComparison.Ordinal);

    /// <summary>A copy of the tenant with <paramref name="change"/> applied to every non-empty secret.</summary>
    internal static TenantDefinition Transform(TenantDefinition tenant, Func<string, string> change)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var copy = Copy(tenant);
        foreach (var task in copy.Tasks)
        {
            Apply(task.Exports, change);
        }

        return copy;
    }

    private static TaskDefinition Transform(TaskDefinition task, Func<string, string> change)
    {
        ArgumentNullException.ThrowIfNull(task);
        var copy = Copy(task);
        Apply(copy.Exports, change);
        return copy;
    }

    private static void Apply(IEnumerable<ExportDestinationOptions> destinations, Func<string, string> change)
    {
        foreach (var destination in destinations)
        {
            if (!string.IsNullOrEmpty(destination.Webhook.Secret))
            {
                destination.Webhook.Secret = change(destination.Webhook.Secret);
            }

            if (!string.IsNullOrEmpty(destination.Join.Token))
            {
                destination.Join.Token = change(destination.Join.Token);
            }
        }
    }

    private static bool IsUnchanged(string? value) => string.IsNullOrEmpty(value) || value == Mask;

    private static T Copy<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(value, ClickcastJson.Options), ClickcastJson.Options)!;
}
