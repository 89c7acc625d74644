using Clickcast.Pipeline.Jobs;

namespace Clickcast.Server.Uploads;

/// <summary>A file under the tenant's raw prefix and its ingest job.</summary>
/// <param name="Key">The object key.</param>
/// <param name="Bytes">Size.</param>
/// <param name="LastModified">When it arrived.</param>
/// <param name="ETag">Version tag.</param>
/// <param name="Run">Its ingest job, once sensed.</param>
public sealed record RawFile(string Key, long Bytes, DateTimeOffset LastModified, string ETag, Job? Run);
