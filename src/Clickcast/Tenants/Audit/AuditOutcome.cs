namespace Clickcast.Tenants.Audit;

/// <summary>How an audited action ended. Stored and serialized by name.</summary>
public enum AuditOutcome
{
    /// <summary>Done (a 2xx answer).</summary>
    Succeeded = 0,

    /// <summary>Refused by validation, scope or state (a 4xx answer): nothing changed.</summary>
    Refused,

    /// <summary>Failed on the server (a 5xx answer or an unexpected error).</summary>
    Failed,
}
