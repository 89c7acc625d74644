using System.ComponentModel.DataAnnotations;

namespace Clickcast.Pipeline.Triggers;

/// <summary>Which tenants' raw files are watched for, and how often their prefix is listed.</summary>
public sealed class SensorOptions : IValidatableObject
{
    /// <summary>Tenants whose prefix is listed on every poll.</summary>
    public IList<string> Tenants { get; } = [];

    /// <summary>Prefix under each tenant's root that holds arriving files.</summary>
    [Required]
    public string Prefix { get; set; } = "raw/";

    /// <summary>How often each tenant's prefix is listed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var tenant in Tenants)
        {
            if (!Storage.TenantLayout.IsValidTenant(tenant))
            {
                yield return new ValidationResult($"'{tenant}' is not a valid tenant id.", [nameof(Tenants)]);
            }
        }

        if (string.IsNullOrEmpty(Prefix) || !Prefix.EndsWith('/') || !Storage.ObjectKey.IsValid(Prefix.TrimEnd('/')))
        {
            yield return new ValidationResult($"'{Prefix}' is not a key prefix: use '/'-separated segments ending in '/', such as 'raw/'.", [nameof(Prefix)]);
        }
    }
}
