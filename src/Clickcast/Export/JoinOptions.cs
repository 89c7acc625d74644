using System.ComponentModel.DataAnnotations;

namespace Clickcast.Export;

/// <summary>
/// Settings of a <see cref="ExportDestinationKind.CleverDataJoin"/> destination: where the CDP's file manager and
/// integration manager are, which adapter instance takes the scores, and the credentials.
/// </summary>
public sealed class JoinOptions
{
    /// <summary>The CDP's API base URL; inputs go to <c>{BaseUrl}/integration-manager/v1/adapters/{Adapter}/instances/{Instance}/inputs</c>.</summary>
    [Required, Url]
    public string BaseUrl { get; set; } = string.Empty;

    /// <summary>
    /// The file manager's folder URL; each batch file is sent as <c>PUT {FileManagerUrl}/{file name}</c>. Empty means
    /// <c>{BaseUrl}/file-manager/v1/files</c>.
    /// </summary>
    public string FileManagerUrl { get; set; } = string.Empty;

    /// <summary>The adapter that loads the files (a path segment of the inputs URL).</summary>
    [Required]
    public string Adapter { get; set; } = string.Empty;

    /// <summary>The adapter instance that loads the files; sent in the path and as <c>adapterInstanceId</c>.</summary>
    [Range(1, long.MaxValue)]
    public long Instance { get; set; }

    /// <summary>The bearer token sent as <c>Authorization: Bearer {Token}</c>: printable ASCII, at most 4096 characters. Never logged.</summary>
    [Required, MaxLength(4096), HeaderValue]
    public string Token { get; set; } = string.Empty;

    /// <summary>The CDP customer id sent as <c>x-dmpkit-onbehalf-of</c>: printable ASCII, at most 256 characters.</summary>
    [Required, MaxLength(256), HeaderValue]
    public string OnBehalfOf { get; set; } = string.Empty;

    /// <summary>The file manager folder URL with the default applied, without a trailing '/'.</summary>
    internal string ResolvedFileManagerUrl =>
        (!string.IsNullOrEmpty(FileManagerUrl) ? FileManagerUrl : (BaseUrl ?? string.Empty).TrimEnd('/') + "/file-manager/v1/files").TrimEnd('/');
}
