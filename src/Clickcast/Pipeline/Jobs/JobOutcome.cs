using System.Text.Json;
using Clickcast.Storage;

namespace Clickcast.Pipeline.Jobs;

/// <summary>How one attempt of a job ended: success with outputs, a failure worth retrying, or one that is not.</summary>
public sealed record JobOutcome
{
    private JobOutcome(bool succeeded, bool permanent, string? result, string? error)
    {
        IsSuccess = succeeded;
        IsPermanentFailure = permanent;
        Result = result;
        Error = error;
    }

    /// <summary>The job is done.</summary>
    public bool IsSuccess { get; }

    /// <summary>The job can never succeed (a poisoned input): dead-letter it without further attempts.</summary>
    public bool IsPermanentFailure { get; }

    /// <summary>Outputs as JSON, on success.</summary>
    public string? Result { get; }

    /// <summary>What went wrong, on failure.</summary>
    public string? Error { get; }

    /// <summary>The job is done; <paramref name="resultJson"/> (JSON) describes its outputs.</summary>
    public static JobOutcome Succeeded(string? resultJson = null) => new(true, false, resultJson, null);

    /// <summary>The job is done; <paramref name="result"/> is stored as JSON.</summary>
    public static JobOutcome Succeeded<T>(T result) => new(true, false, JsonSerializer.Serialize(result, ClickcastJson.Options), null);

    /// <summary>This attempt failed; the job is retried while its retry policy allows.</summary>
    public static JobOutcome Failed(string error)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        return new(false, false, null, error);
    }

    /// <summary>The job can never succeed: it is dead-lettered now, whatever attempts remain.</summary>
    public static JobOutcome FailedPermanently(string error)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        return new(false, true, null, error);
    }
}
