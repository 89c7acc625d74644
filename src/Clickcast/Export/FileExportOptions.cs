namespace Clickcast.Export;

/// <summary>Settings of a <see cref="ExportDestinationKind.Files"/> destination.</summary>
public sealed class FileExportOptions
{
    /// <summary>Formats written under <c>tenants/{tenant}/tasks/{task}/exports/{destination}/</c>.</summary>
    public ExportFileFormats Formats { get; set; } = ExportFileFormats.All;
}
