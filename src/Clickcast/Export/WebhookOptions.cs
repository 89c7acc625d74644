using System.ComponentModel.DataAnnotations;

namespace Clickcast.Export;

/// <summary>
/// Settings of a <see cref="ExportDestinationKind.Webhook"/> destination. The wire format (body, headers, signature)
/// is described in docs/export.md.
/// </summary>
public sealed class WebhookOptions
{
    /// <summary>The absolute http(s) URL every batch is POSTed to.</summary>
    [Required, Url]
    public string Url { get; set; } = string.Empty;

    /// <summary>
    /// The shared secret of the HMAC-SHA256 signature in <c>X-Clickcast-Signature</c>; at least 16 characters.
    /// Never logged.
    /// </summary>
    [Required, MinLength(16)]
    public string Secret { get; set; } = string.Empty;
}
