namespace Clickcast.Server.Notifications;

/// <summary>What became of one record of a bucket notification.</summary>
/// <param name="Key">The object key, decoded and without the store's key prefix.</param>
/// <param name="Result">Enqueued, AlreadyKnown, NotFound, NotSensed, or Ignored (not an object-created event, or another bucket).</param>
public sealed record NotifiedObject(string Key, string Result);
