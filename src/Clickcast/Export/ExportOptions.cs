using System.ComponentModel.DataAnnotations;

namespace Clickcast.Export;

/// <summary>Export settings shared by every task (bound from the <c>Export</c> section); destinations are per task.</summary>
public sealed class ExportOptions : IValidatableObject
{
    /// <summary>The largest batch a destination may ask for.</summary>
    public const int MaxBatchSize = 100_000;

    /// <summary>Rows per webhook or Join batch when a destination does not set its own.</summary>
    [Range(1, MaxBatchSize)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>Retry, backoff and timeouts of the webhook and Join HTTP clients.</summary>
    public ExportHttpOptions Http { get; set; } = new();

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(Http, new ValidationContext(Http), results, validateAllProperties: true);
        return results.Select(r => new ValidationResult("Http: " + r.ErrorMessage, r.MemberNames.Select(m => "Http." + m).ToList()));
    }
}
