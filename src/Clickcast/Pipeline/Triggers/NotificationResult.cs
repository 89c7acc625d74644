namespace Clickcast.Pipeline.Triggers;

/// <summary>What became of an object-created notification.</summary>
public enum NotificationResult
{
    /// <summary>A new ingest job was enqueued for the object.</summary>
    Enqueued = 0,

    /// <summary>This version of the object already has its job (seen by a listing, or notified twice).</summary>
    AlreadyKnown,

    /// <summary>The object is gone (deleted since, or a stale notification): nothing to ingest.</summary>
    NotFound,

    /// <summary>The key is not under a tenant's sensed prefix (<c>tenants/{tenant}/{prefix}</c>).</summary>
    NotSensed,
}
