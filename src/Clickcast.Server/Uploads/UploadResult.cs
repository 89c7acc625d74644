using Clickcast.Pipeline.Jobs;
using Clickcast.Pipeline.Triggers;

namespace Clickcast.Server.Uploads;

/// <summary>An uploaded clickstream file, stored under the tenant's raw prefix and handed to the sensor.</summary>
/// <param name="Key">The object key.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Sha256">SHA-256 of the content, hex.</param>
/// <param name="ETag">The store's version tag.</param>
/// <param name="Notification">Enqueued (a new ingest job) or AlreadyKnown (this version has its job: nothing is ingested twice).</param>
/// <param name="Run">The ingest job of this version.</param>
public sealed record UploadResult(string Key, long Bytes, string Sha256, string ETag, NotificationResult Notification, Job? Run);
