using System.Text.RegularExpressions;

namespace Clickcast.Storage;

/// <summary>
/// Where a tenant's objects live. Everything of a tenant sits under <c>tenants/{tenant}/</c>, so one prefix holds
/// (and one grant protects) all of it. See docs/architecture.md for the whole layout.
/// </summary>
public static partial class TenantLayout
{
    /// <summary>Root of all tenants.</summary>
    public const string TenantsRoot = "tenants";

    /// <summary>True when <paramref name="tenant"/> is a valid tenant id: 1–64 of a–z, 0–9, '-', '_', starting with a letter or digit.</summary>
    public static bool IsValidTenant(string? tenant) => tenant is not null && TenantPattern().IsMatch(tenant);

    /// <summary>Throws when <paramref name="tenant"/> is not a valid tenant id.</summary>
    public static void ValidateTenant(string tenant, string paramName = "tenant")
    {
        ArgumentNullException.ThrowIfNull(tenant, paramName);
        if (!IsValidTenant(tenant))
        {
            throw new ArgumentException($"'{tenant}' is not a valid tenant id: use 1-64 characters of a-z, 0-9, '-' and '_', starting with a letter or digit.", paramName);
        }
    }

    /// <summary><c>tenants/{tenant}/</c></summary>
    public static string Root(string tenant)
    {
        ValidateTenant(tenant);
        return $"{TenantsRoot}/{tenant}/";
    }

    /// <summary>Raw clickstream files as they arrive: <c>tenants/{tenant}/raw/</c>.</summary>
    public static string Raw(string tenant) => Root(tenant) + "raw/";

    /// <summary>Normalized events, Parquet per period: <c>tenants/{tenant}/events/</c>.</summary>
    public static string Events(string tenant) => Root(tenant) + "events/";

    /// <summary>Per-client sequences: <c>tenants/{tenant}/sequences/</c>.</summary>
    public static string Sequences(string tenant) => Root(tenant) + "sequences/";

    /// <summary>Files that could not be ingested, with their reasons: <c>tenants/{tenant}/quarantine/</c>.</summary>
    public static string Quarantine(string tenant) => Root(tenant) + "quarantine/";

    /// <summary>Bookkeeping that makes steps idempotent: <c>tenants/{tenant}/_ledger/</c>.</summary>
    public static string Ledger(string tenant) => Root(tenant) + "_ledger/";

    /// <summary>True when <paramref name="task"/> is a valid task id: the same rule as tenant ids.</summary>
    public static bool IsValidTask(string? task) => task is not null && TenantPattern().IsMatch(task);

    /// <summary>Throws when <paramref name="task"/> is not a valid task id.</summary>
    public static void ValidateTask(string task, string paramName = "task")
    {
        ArgumentNullException.ThrowIfNull(task, paramName);
        if (!IsValidTask(task))
        {
            throw new ArgumentException($"'{task}' is not a valid task id: use 1-64 characters of a-z, 0-9, '-' and '_', starting with a letter or digit.", paramName);
        }
    }

    /// <summary>Everything of one prediction task: <c>tenants/{tenant}/tasks/{task}/</c>.</summary>
    public static string TaskRoot(string tenant, string task)
    {
        ValidateTask(task);
        return Root(tenant) + $"tasks/{task}/";
    }

    /// <summary>Scores written by the scoring step, Parquet per run: <c>tenants/{tenant}/tasks/{task}/predictions/</c>.</summary>
    public static string Predictions(string tenant, string task) => TaskRoot(tenant, task) + "predictions/";

    /// <summary>File copies of predictions made by export destinations: <c>tenants/{tenant}/tasks/{task}/exports/</c>.</summary>
    public static string Exports(string tenant, string task) => TaskRoot(tenant, task) + "exports/";

    /// <summary>Model versions, one immutable folder each: <c>tenants/{tenant}/tasks/{task}/models/v0001/</c>.</summary>
    public static string Model(string tenant, string task, int version) =>
        TaskRoot(tenant, task) + "models/v" + version.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + "/";

    /// <summary>Expected vs actual conversion per bucket once outcome windows close: <c>tenants/{tenant}/tasks/{task}/monitoring/</c>.</summary>
    public static string Monitoring(string tenant, string task) => TaskRoot(tenant, task) + "monitoring/";

    /// <summary>A task's bookkeeping (delivery ledgers): <c>tenants/{tenant}/tasks/{task}/_ledger/</c>.</summary>
    public static string TaskLedger(string tenant, string task) => TaskRoot(tenant, task) + "_ledger/";

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex TenantPattern();
}
