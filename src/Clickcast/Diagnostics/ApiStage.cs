namespace Clickcast.Diagnostics;

/// <summary>The stages of an API request timed by <c>clickcast.api.stage.duration</c> (the <c>stage</c> label, lower case).</summary>
public enum ApiStage
{
    /// <summary>Checking the request's API key.</summary>
    Auth,

    /// <summary>Reading the tenant's definition for a <c>/api/tenants/{tenant}/…</c> request.</summary>
    Tenant,

    /// <summary>Taking a lease on the task's warm champion (with its score distribution and the data's "now").</summary>
    Champion,

    /// <summary>Finding the clients' stored chains (clientId requests).</summary>
    Lookup,

    /// <summary>Waiting for and running the (shared) model call.</summary>
    Model,

    /// <summary>Computing top factors.</summary>
    Explain,
}
