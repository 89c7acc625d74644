using System.Text.Json;
using Clickcast.Storage;

namespace Clickcast.Pipeline.Jobs;

/// <summary>
/// How one attempt of a job ended: done (with what it achieved, <see cref="RunOutcome"/>, and why), a failure worth
/// retrying, or one that is not.
/// </summary>
public sealed record JobOutcome
{
    private JobOutcome(bool succeeded, bool permanent, string? result, string? error, RunOutcome outcome, string? reason)
    {
        IsSuccess = succeeded;
        IsPermanentFailure = permanent;
        Result = result;
        Error = error;
        Outcome = outcome;
        Reason = reason;
    }

    /// <summary>The job is done (whatever it achieved: see <see cref="Outcome"/>).</summary>
    public bool IsSuccess { get; }

    /// <summary>The job can never succeed (a poisoned input): dead-letter it without further attempts.</summary>
    public bool IsPermanentFailure { get; }

    /// <summary>Outputs as JSON, on success.</summary>
    public string? Result { get; }

    /// <summary>What went wrong, on failure.</summary>
    public string? Error { get; }

    /// <summary>What the run achieved; <see cref="RunOutcome.Failed"/> for failures.</summary>
    public RunOutcome Outcome { get; }

    /// <summary>Why the run ended with <see cref="Outcome"/>, in words (null for a plain success).</summary>
    public string? Reason { get; }

    /// <summary>The job is done; <paramref name="resultJson"/> (JSON) describes its outputs.</summary>
    public static JobOutcome Succeeded(string? resultJson = null) => new(true, false, resultJson, null, RunOutcome.Succeeded, null);

    /// <summary>The job is done; <paramref name="result"/> is stored as JSON.</summary>
    public static JobOutcome Succeeded<T>(T result) => Ended(result, RunOutcome.Succeeded, null);

    /// <summary>
    /// The job ended normally with <paramref name="outcome"/> (quarantined, needs data, nothing to do, ...) for
    /// <paramref name="reason"/>; <paramref name="result"/> is stored as JSON. It is not retried.
    /// </summary>
    public static JobOutcome Ended<T>(T result, RunOutcome outcome, string? reason)
    {
        if (outcome == RunOutcome.Failed)
        {
            throw new ArgumentException("A failure is Failed or FailedPermanently, not an ended run.", nameof(outcome));
        }

        return new(true, false, JsonSerializer.Serialize(result, ClickcastJson.Options), null, outcome, reason);
    }

    /// <summary>This attempt failed; the job is retried while its retry policy allows.</summary>
    public static JobOutcome Failed(string error)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        return new(false, false, null, error, RunOutcome.Failed, error);
    }

    /// <summary>The job can never succeed: it is dead-lettered now, whatever attempts remain.</summary>
    public static JobOutcome FailedPermanently(string error)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        return new(false, true, null, error, RunOutcome.Failed, error);
    }
}
