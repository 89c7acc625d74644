using System.ComponentModel.DataAnnotations;
using Clickcast.Metadata;

namespace Clickcast.Storage;

/// <summary>Where Clickcast keeps its data: a local folder by default, S3-compatible storage when configured.</summary>
public sealed class ClickcastOptions
{
    /// <summary>Root folder of the embedded store (objects, metadata database, model files).</summary>
    [Required]
    public string DataPath { get; set; } = "clickcast-data";

    /// <summary>
    /// The folder of the data-protection key ring that encrypts task secrets (webhook secrets, CDP tokens); empty means
    /// <c>keys/</c> under <see cref="DataPath"/>. Every process that reads or writes tasks must see the same ring: with
    /// workers on several hosts, point this at a shared folder, or secrets one host wrote cannot be decrypted on another.
    /// </summary>
    public string? KeyRingPath { get; set; }

    /// <summary>Which object store holds tenants' data.</summary>
    public StorageKind Storage { get; set; } = StorageKind.Local;

    /// <summary>S3 settings, used when <see cref="Storage"/> is <see cref="StorageKind.S3"/>.</summary>
    public S3StorageOptions S3 { get; set; } = new();

    /// <summary>Where the metadata database (jobs, sensor ledger) lives: <c>clickcast.db</c> under <see cref="DataPath"/> unless set.</summary>
    public MetadataOptions Metadata { get; set; } = new();
}
