using Clickcast.Pipeline;

namespace Clickcast.Server.Runs;

/// <summary>A backfill: raw files that arrived in [<paramref name="From"/>, <paramref name="To"/>), handled by <paramref name="Policy"/>.</summary>
/// <param name="From">Start of the period (inclusive).</param>
/// <param name="To">End of the period (exclusive).</param>
/// <param name="Policy">SkipCompleted, RedoFailed or RedoAll.</param>
/// <param name="Task">Only this task retrains afterwards; null for all.</param>
public sealed record BackfillRequest(DateTimeOffset From, DateTimeOffset To, BackfillPolicy Policy = BackfillPolicy.SkipCompleted, string? Task = null);
