using System.Globalization;
using System.Text;
using Clickcast.Labels;
using Clickcast.Sequences;
using Clickcast.Tenants;

namespace Clickcast.Pipeline;

/// <summary>
/// Names the likely cause when a task has not enough data to train: a target that matches no URL token (with the
/// nearest tokens that do exist), tokens cut coarser than the target, a horizon past the end of the data, a cutoff
/// after the last event. "Wait for more data" is the wrong advice for all of them.
/// </summary>
public static class TrainingDiagnosis
{
    /// <summary>Nearest tokens shown when the target matches none.</summary>
    private const int Nearest = 5;

    /// <summary>Counts every URL token of the sequences, then explains; empty when no cause is found.</summary>
    public static async Task<string> ExplainAsync(IAsyncEnumerable<ClientSequence> sequences, TaskDefinition task, DatasetSummary summary, long latestEventMicros, Func<string, string>? cut, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(summary);
        var tokens = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var sequence in sequences.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var url in sequence.Urls)
            {
                var token = cut is null ? url : cut(url);
                tokens[token] = tokens.GetValueOrDefault(token) + 1;
            }
        }

        return Explain(tokens, task, summary, latestEventMicros);
    }

    /// <summary>The causes found, each a sentence starting with a space; empty when none is found.</summary>
    public static string Explain(IReadOnlyDictionary<string, long> tokenCounts, TaskDefinition task, DatasetSummary summary, long latestEventMicros)
    {
        ArgumentNullException.ThrowIfNull(tokenCounts);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(summary);
        var text = new StringBuilder();
        var pattern = task.Target.UrlPattern;
        if (!string.IsNullOrEmpty(pattern))
        {
            var matcher = new TargetMatcher(new TargetDefinition { UrlPattern = pattern, Match = task.Target.Match });
            if (!tokenCounts.Keys.Any(t => matcher.IsTarget(t, string.Empty)))
            {
                text.Append(CultureInfo.InvariantCulture, $" Likely cause: the target '{pattern}' ({task.Target.Match}) matches none of the {tokenCounts.Count:N0} distinct URL tokens in the data");
                var nearest = tokenCounts
                    .OrderBy(p => Distance(pattern, p.Key))
                    .ThenByDescending(p => p.Value)
                    .ThenBy(p => p.Key, StringComparer.Ordinal)
                    .Take(Nearest)
                    .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} ({p.Value:N0})"))
                    .ToList();
                text.Append(nearest.Count == 0 ? "." : "; the nearest tokens are: " + string.Join(", ", nearest) + ".");
                var patternDepth = Depth(pattern);
                var tokenDepth = tokenCounts.Count == 0 ? 0 : tokenCounts.Keys.Max(Depth);
                if (patternDepth > tokenDepth)
                {
                    text.Append(CultureInfo.InvariantCulture, $" The target has {patternDepth} path segment(s) but no token has more than {tokenDepth}: the URL level (the tenant's ingest.urls.level and pathSegments, or the task's urls) cuts URLs coarser than the target; set a finer level and re-ingest.");
                }
            }
        }

        if (summary.Cutoff is { } cutoff && latestEventMicros > 0)
        {
            var last = DateTimeOffset.FromUnixTimeMilliseconds(latestEventMicros / 1000);
            if (cutoff >= last)
            {
                text.Append(CultureInfo.InvariantCulture, $" The cutoff {cutoff:yyyy-MM-dd HH:mm} UTC is after the last event ({last:yyyy-MM-dd HH:mm} UTC): no outcome can be observed; move labeling.cutoff earlier or leave it unset.");
            }
            else if (summary.Horizon is { } horizon && cutoff + horizon > last)
            {
                text.Append(CultureInfo.InvariantCulture, $" The outcome window ({cutoff:yyyy-MM-dd HH:mm} + {horizon}) runs past the last event ({last:yyyy-MM-dd HH:mm} UTC): outcomes are only partly observed.");
            }
        }

        return text.ToString();
    }

    private static int Depth(string token)
    {
        var path = token.IndexOf('/', StringComparison.Ordinal);
        return path < 0 ? 0 : token[path..].Split('/', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    /// <summary>Edit distance, bounded in work by cutting both strings to 64 characters.</summary>
    private static int Distance(string a, string b)
    {
        a = a.Length > 64 ? a[..64] : a;
        b = b.Length > 64 ? b[..64] : b;
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            current.CopyTo(previous);
        }

        return previous[b.Length];
    }
}
