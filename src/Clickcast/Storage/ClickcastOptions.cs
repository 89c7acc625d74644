using System.ComponentModel.DataAnnotations;
using Clickcast.Metadata;

namespace Clickcast.Storage;

/// <summary>Where Clickcast keeps its data: a local folder by default, S3-compatible storage when configured.</summary>
public sealed class ClickcastOptions
{
    /// <summary>Root folder of the embedded store (objects, metadata database, model files).</summary>
    [Required]
    public string DataPath { get; set; } = "clickcast-data";

    /// <summary>Which object store holds tenants' data.</summary>
    public StorageKind Storage { get; set; } = StorageKind.Local;

    /// <summary>S3 settings, used when <see cref="Storage"/> is <see cref="StorageKind.S3"/>.</summary>
    public S3StorageOptions S3 { get; set; } = new();

    /// <summary>Where the metadata database (jobs, sensor ledger) lives: <c>clickcast.db</c> under <see cref="DataPath"/> unless set.</summary>
    public MetadataOptions Metadata { get; set; } = new();
}
