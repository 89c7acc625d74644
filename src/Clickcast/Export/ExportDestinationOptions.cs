using System.ComponentModel.DataAnnotations;

namespace Clickcast.Export;

/// <summary>
/// One place a task's predictions go. A task lists its destinations in its configuration, e.g.
/// <code>
/// { "name": "crm", "kind": "Webhook", "attribute": "propensity_buy_7d", "batchSize": 500,
///   "webhook": { "url": "https://crm.example.com/hooks/scores", "secret": "..." } }
/// </code>
/// Only the section of the chosen <see cref="Kind"/> is used and validated.
/// </summary>
public sealed class ExportDestinationOptions : IValidatableObject
{
    /// <summary>
    /// The destination's id within the task: 1–64 of a–z, 0–9, '-', '_'. It names the export folder, the ledger and
    /// every batch id, so renaming it starts the destination's deliveries afresh.
    /// </summary>
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9_-]{0,63}$", ErrorMessage = "The destination name must be 1-64 characters of a-z, 0-9, '-' and '_', starting with a letter or digit.")]
    public string Name { get; set; } = string.Empty;

    /// <summary>What kind of destination this is.</summary>
    public ExportDestinationKind Kind { get; set; } = ExportDestinationKind.Files;

    /// <summary>The CDP attribute the scores are written to (the webhook's <c>attribute</c>, Join's <c>value</c>); empty means the task id.</summary>
    [MaxLength(256)]
    public string Attribute { get; set; } = string.Empty;

    /// <summary>Rows per webhook or Join batch; null uses <see cref="ExportOptions.BatchSize"/>. Fixed for a file once its first batch is sent.</summary>
    [Range(1, ExportOptions.MaxBatchSize)]
    public int? BatchSize { get; set; }

    /// <summary>
    /// Whether CSV output (the Files CSV, Join uploads) prefixes a <c>'</c> to text fields a spreadsheet would run as a
    /// formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab, CR, LF first). On by default: client ids come from the
    /// clickstream. Turn it off only for a consumer that needs the ids byte for byte and never opens them in a spreadsheet.
    /// </summary>
    public bool EscapeCsvFormulas { get; set; } = true;

    /// <summary>Settings when <see cref="Kind"/> is <see cref="ExportDestinationKind.Files"/>.</summary>
    public FileExportOptions Files { get; set; } = new();

    /// <summary>Settings when <see cref="Kind"/> is <see cref="ExportDestinationKind.Webhook"/>.</summary>
    public WebhookOptions Webhook { get; set; } = new();

    /// <summary>Settings when <see cref="Kind"/> is <see cref="ExportDestinationKind.CleverDataJoin"/>.</summary>
    public JoinOptions Join { get; set; } = new();

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        (object? section, string sectionName) = Kind switch
        {
            ExportDestinationKind.Webhook => ((object?)Webhook, nameof(Webhook)),
            ExportDestinationKind.CleverDataJoin => (Join, nameof(Join)),
            ExportDestinationKind.Files => (Files, nameof(Files)),
            _ => (null, string.Empty),
        };
        if (section is null)
        {
            yield return new ValidationResult($"'{Kind}' is not a destination kind.", [nameof(Kind)]);
            yield break;
        }

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true);
        foreach (var result in results)
        {
            // Member names follow the JSON section ("Join.OnBehalfOf"), so a problem's path is the field a user sends.
            yield return new ValidationResult($"{Kind}: {result.ErrorMessage}", result.MemberNames.Select(m => $"{sectionName}.{m}").ToList());
        }

        foreach (var (url, member) in Urls())
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Scheme is not ("http" or "https") : member == "Join.FileManagerUrl")
            {
                yield return new ValidationResult($"{member.Split('.')[0]}: the URL must be an absolute http or https URL.", [member]);
            }
        }

        if (Kind == ExportDestinationKind.Files && (Files.Formats & ExportFileFormats.All) == ExportFileFormats.None)
        {
            yield return new ValidationResult("Files: choose at least one format.", ["Files.Formats"]);
        }
    }

    /// <summary>The URLs export connects to for this destination, with their member paths (<c>Webhook.Url</c>); empty ones left out.</summary>
    internal IEnumerable<(string Url, string Member)> Urls()
    {
        if (Kind == ExportDestinationKind.Webhook && !string.IsNullOrEmpty(Webhook.Url))
        {
            yield return (Webhook.Url, "Webhook.Url");
        }

        if (Kind == ExportDestinationKind.CleverDataJoin)
        {
            if (!string.IsNullOrEmpty(Join.BaseUrl))
            {
                yield return (Join.BaseUrl, "Join.BaseUrl");
            }

            if (!string.IsNullOrEmpty(Join.FileManagerUrl))
            {
                yield return (Join.FileManagerUrl, "Join.FileManagerUrl");
            }
        }
    }

    /// <summary>Validates the destination; returns the problems, empty when it is usable.</summary>
    internal IReadOnlyList<string> Problems()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage ?? "invalid").ToList();
    }
}
