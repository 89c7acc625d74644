using System.ComponentModel.DataAnnotations;

namespace Clickcast.Storage;

/// <summary>
/// Where <see cref="S3ObjectStore"/> keeps objects: one bucket on an S3-compatible service (AWS S3, MinIO,
/// Yandex Object Storage), addressed path-style, optionally under a key prefix.
/// </summary>
public sealed class S3StorageOptions : IValidatableObject
{
    /// <summary>
    /// The service's base URL, e.g. <c>https://storage.yandexcloud.net</c>, <c>http://minio:9000</c> or
    /// <c>https://s3.eu-central-1.amazonaws.com</c>.
    /// </summary>
    [Required, Url]
    public string ServiceUrl { get; set; } = string.Empty;

    /// <summary>The region requests are signed for: the bucket's region on AWS, <c>ru-central1</c> on Yandex, <c>us-east-1</c> on MinIO.</summary>
    [Required]
    public string Region { get; set; } = "us-east-1";

    /// <summary>The bucket that holds the objects.</summary>
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", ErrorMessage = "The bucket name must be 3-63 lowercase letters, digits, '.' or '-', starting and ending with a letter or digit.")]
    public string Bucket { get; set; } = string.Empty;

    /// <summary>
    /// A folder inside the bucket that every key lives under (e.g. <c>prod/</c>), so several deployments can share
    /// one bucket; empty uses the whole bucket. Surrounding '/' are optional.
    /// </summary>
    public string KeyPrefix { get; set; } = string.Empty;

    /// <summary>The access key id.</summary>
    [Required]
    public string AccessKey { get; set; } = string.Empty;

    /// <summary>The secret access key.</summary>
    [Required]
    public string SecretKey { get; set; } = string.Empty;

    /// <summary>How long one request may take, including sending a whole object on upload.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long opening a connection may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of a request that failed for a transient reason (throttling, 5xx, dropped connection).</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Keys asked for per listing request; S3 returns at most 1,000.</summary>
    [Range(1, 1000)]
    public int ListPageSize { get; set; } = 1000;

    /// <summary><see cref="KeyPrefix"/> as it is prepended to keys: empty, or '/'-terminated.</summary>
    internal string NormalizedKeyPrefix => KeyPrefix.Trim('/') is { Length: > 0 } prefix ? prefix + "/" : string.Empty;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var prefix = KeyPrefix.Trim('/');
        if (prefix.Length > 0 && !ObjectKey.IsValid(prefix))
        {
            yield return new ValidationResult(
                $"'{KeyPrefix}' is not a valid key prefix: use '/'-separated segments without '.', '..', '\\' or control characters.",
                [nameof(KeyPrefix)]);
        }
    }
}
