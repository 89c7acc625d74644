namespace Clickcast.Tenants.Keys;

/// <summary>What an API key may reach. Stored by name.</summary>
public enum ApiKeyScope
{
    /// <summary>One tenant: its definition, tasks, files, runs, models, predictions and keys, nothing else.</summary>
    Tenant = 0,

    /// <summary>Every tenant, and creating tenants and admin keys.</summary>
    Admin,
}
