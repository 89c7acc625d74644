namespace Clickcast.Storage;

/// <summary>Object store implementations.</summary>
public enum StorageKind
{
    /// <summary>A folder on the local file system (the embedded default).</summary>
    Local = 0,

    /// <summary>S3-compatible object storage (MinIO, Yandex Object Storage, AWS S3).</summary>
    S3,
}
