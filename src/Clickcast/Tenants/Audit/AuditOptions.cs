using System.ComponentModel.DataAnnotations;

namespace Clickcast.Tenants.Audit;

/// <summary>How long the audit log keeps its entries (section <c>Audit</c>).</summary>
public sealed class AuditOptions
{
    /// <summary>
    /// Entries older than this are deleted, at the server's start and then once a day: from one day to 100 years;
    /// the default (400 days) keeps a full year and a bit for a yearly review.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "36500.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(400);
}
