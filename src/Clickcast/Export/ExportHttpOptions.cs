using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Clickcast.Export;

/// <summary>
/// How hard one batch request is tried before the batch is left pending for the next export run: the settings of
/// the standard resilience handler (retry with exponential backoff and jitter, per-attempt and total timeouts,
/// circuit breaker per host) on the webhook and Join HTTP clients.
/// </summary>
public sealed class ExportHttpOptions : IValidatableObject
{
    /// <summary>How long one HTTP attempt may take.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one request may take across all its attempts and backoff delays: the retry budget.</summary>
    [Range(typeof(TimeSpan), "00:00:00.020", "1.00:00:00")]
    public TimeSpan TotalRequestTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Retries after the first attempt for a transient failure (5xx, 408, 429, timeouts, dropped connections).</summary>
    [Range(1, 100)]
    public int MaxRetryAttempts { get; set; } = 6;

    /// <summary>The first backoff delay; each next one doubles (with jitter), capped at <see cref="MaxRetryDelay"/>. A Retry-After header wins.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest backoff delay.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open after too many failures to one host; requests fail fast meanwhile.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Networks in CIDR notation (<c>127.0.0.0/8</c>, <c>10.20.0.0/16</c>, <c>fd00::/8</c>) export may connect to
    /// although they are loopback, private, link-local or otherwise non-public (see <see cref="ExportNetworkPolicy"/>).
    /// Empty, the default: destinations must be public addresses. Tenants set destination URLs, so allow only the
    /// networks of CDPs you trust every tenant to reach.
    /// </summary>
    public IList<string> AllowedNetworks { get; set; } = [];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TotalRequestTimeout <= AttemptTimeout)
        {
            yield return new ValidationResult("TotalRequestTimeout must be longer than AttemptTimeout.", [nameof(TotalRequestTimeout), nameof(AttemptTimeout)]);
        }

        if (MaxRetryDelay < RetryBaseDelay)
        {
            yield return new ValidationResult("MaxRetryDelay must not be shorter than RetryBaseDelay.", [nameof(MaxRetryDelay), nameof(RetryBaseDelay)]);
        }

        foreach (var network in AllowedNetworks)
        {
            if (!IPNetwork.TryParse(network?.Trim(), out _))
            {
                yield return new ValidationResult($"AllowedNetworks: '{network}' is not a network in CIDR notation with no host bits set (e.g. 127.0.0.0/8).", [nameof(AllowedNetworks)]);
            }
        }
    }
}
