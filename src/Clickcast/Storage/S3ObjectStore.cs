using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Clickcast.Storage;

/// <summary>
/// Objects in one bucket of an S3-compatible service (AWS S3, MinIO, Yandex Object Storage), optionally under a
/// key prefix so that several deployments can share the bucket.
/// </summary>
/// <remarks>
/// <para>
/// Every write is a single PUT, which S3 makes visible only once the whole body has arrived: readers see the
/// previous object or the new one, never a part. S3 takes at most 5 GiB in one PUT.
/// </para>
/// <para>
/// Listings come back in the order S3 returns them: UTF-8 binary key order. That equals the ordinal (UTF-16)
/// order the <see cref="IObjectStore"/> contract promises for every key without characters above U+FFFF; the
/// two differ only when such a character meets one in U+E000–U+FFFF at the same position, which Clickcast's
/// keys (ASCII paths, dates, tenant and file names) do not contain.
/// </para>
/// <para>
/// The credentials need <c>s3:ListBucket</c> on the bucket besides object reads and writes: without it S3 answers
/// 403 instead of 404 for a missing key, which surfaces as an error rather than as "no such object".
/// </para>
/// <para>
/// The bucket is not created on construction: call <see cref="EnsureBucketAsync"/> from set-up code that is
/// allowed to create buckets.
/// </para>
/// </remarks>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly string _region;
    private readonly string _keyPrefix;
    private readonly int _listPageSize;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a store over the bucket that <paramref name="options"/> names; sends no request.</summary>
    /// <exception cref="ValidationException"><paramref name="options"/> are not valid.</exception>
    public S3ObjectStore(S3StorageOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);

        _bucket = options.Bucket;
        _region = options.Region;
        _keyPrefix = options.NormalizedKeyPrefix;
        _listPageSize = options.ListPageSize;
        _timeProvider = timeProvider;

        var config = new AmazonS3Config
        {
            ServiceURL = options.ServiceUrl,
            AuthenticationRegion = options.Region,
            // Custom endpoints (MinIO, a loopback test server) have no per-bucket DNS names.
            ForcePathStyle = true,
            // By default the SDK sends CRC checksums (as trailers on streamed uploads) and validates response
            // checksums; many S3-compatible servers reject the former and do not send the latter.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            Timeout = options.RequestTimeout,
            ConnectTimeout = options.ConnectTimeout,
            MaxErrorRetry = options.MaxRetries,
        };
        _client = new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    /// <summary>The bucket that holds the objects.</summary>
    public string Bucket => _bucket;

    /// <summary>The prefix every key is stored under inside the bucket: empty, or '/'-terminated.</summary>
    public string KeyPrefix => _keyPrefix;

    /// <summary>
    /// Creates the bucket when it does not exist yet. For set-up and tests; production buckets are usually made
    /// by their owners, with their own policies.
    /// </summary>
    public async Task EnsureBucketAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _client.HeadBucketAsync(new HeadBucketRequest { BucketName = _bucket }, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // Fall through and create it.
        }

        var request = new PutBucketRequest { BucketName = _bucket, UseClientRegion = false };
        if (!string.Equals(_region, "us-east-1", StringComparison.Ordinal))
        {
            // AWS rejects an explicit us-east-1 location and needs every other region spelled out.
            request.BucketRegionName = _region;
        }

        try
        {
            await _client.PutBucketAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "BucketAlreadyOwnedByYou")
        {
            // Someone with our credentials created it between the check and the create.
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredObject> ListAsync(
        string prefix,
        string? startAfter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var request = new ListObjectsV2Request
        {
            BucketName = _bucket,
            Prefix = _keyPrefix + prefix,
            StartAfter = startAfter is null ? null : _keyPrefix + startAfter,
            MaxKeys = _listPageSize,
        };

        ListObjectsV2Response response;
        do
        {
            response = await _client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            foreach (var item in response.S3Objects ?? [])
            {
                // Consoles create empty "folder/" objects; they are not objects Clickcast can name.
                if (item.Key.EndsWith('/'))
                {
                    continue;
                }

                yield return new StoredObject(item.Key[_keyPrefix.Length..], item.Size ?? 0, Unquote(item.ETag), ToOffset(item.LastModified));
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);
    }

    /// <inheritdoc />
    public Task<StoredObject?> GetInfoAsync(string key, CancellationToken cancellationToken = default) =>
        HeadAsync(key, ToS3Key(key), cancellationToken);

    /// <inheritdoc />
    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var request = new GetObjectRequest { BucketName = _bucket, Key = ToS3Key(key) };
        try
        {
            // The response only carries the body stream; disposing the stream releases the connection.
            var response = await _client.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception ex) when (IsMissingObject(ex))
        {
            throw new ObjectNotFoundException(key, ex);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// A stream that cannot seek or tell its length, or is not at its start, is copied to a temporary file first:
    /// a single PUT needs the length up front, and the SDK always sends a seekable stream from its start. The
    /// result's <see cref="StoredObject.LastModified"/> is this machine's clock; listings report the server's, so
    /// compare <see cref="StoredObject.ETag"/> to detect changes.
    /// </remarks>
    public async Task<StoredObject> PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var s3Key = ToS3Key(key);
        cancellationToken.ThrowIfCancellationRequested();

        if (LengthFromStart(content) is { } length)
        {
            return await PutOnceAsync(key, s3Key, content, length, cancellationToken).ConfigureAwait(false);
        }

        var path = ScratchSpace.Process.NewPath("put");
        await using var buffer = new FileStream(
            path,
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            1 << 16,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        return await PutOnceAsync(key, s3Key, buffer, buffer.Length, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var s3Key = ToS3Key(key);
        // S3 answers DELETE the same way whether or not the object existed.
        if (await HeadAsync(key, s3Key, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = s3Key }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private async Task<StoredObject> PutOnceAsync(string key, string s3Key, Stream content, long length, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = s3Key,
            InputStream = content,
            AutoCloseStream = false,
            ContentType = "application/octet-stream",
        };
        var response = await _client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
        return new StoredObject(key, length, Unquote(response.ETag), _timeProvider.GetUtcNow());
    }

    private async Task<StoredObject?> HeadAsync(string key, string s3Key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.GetObjectMetadataAsync(
                new GetObjectMetadataRequest { BucketName = _bucket, Key = s3Key },
                cancellationToken).ConfigureAwait(false);
            return new StoredObject(key, response.ContentLength, Unquote(response.ETag), ToOffset(response.LastModified));
        }
        catch (AmazonS3Exception ex) when (IsMissingObject(ex))
        {
            return null;
        }
    }

    private string ToS3Key(string key)
    {
        ObjectKey.Validate(key);
        return _keyPrefix + key;
    }

    private static long? LengthFromStart(Stream content)
    {
        if (!content.CanSeek)
        {
            return null;
        }

        try
        {
            return content.Position == 0 ? content.Length : null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>A missing key, not a missing bucket: that is a configuration error and must surface.</summary>
    private static bool IsMissingObject(AmazonS3Exception ex) =>
        ex.ErrorCode == "NoSuchKey"
        || (ex.StatusCode == HttpStatusCode.NotFound && ex.ErrorCode != "NoSuchBucket");

    private static string Unquote(string? etag) => etag?.Trim('"') ?? string.Empty;

    private static DateTimeOffset ToOffset(DateTime? value) =>
        value is { } time ? new DateTimeOffset(time.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.MinValue;
}
