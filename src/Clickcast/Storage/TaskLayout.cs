using System.Globalization;

namespace Clickcast.Storage;

/// <summary>Where a task's objects live, under its tenant: <c>tenants/{tenant}/tasks/{task}/</c>.</summary>
public static class TaskLayout
{
    /// <summary><c>tenants/{tenant}/tasks/{task}/</c></summary>
    public static string Root(string tenant, string task)
    {
        if (!TenantLayout.IsValidTenant(task))
        {
            throw new ArgumentException($"'{task}' is not a valid task id: use 1-64 characters of a-z, 0-9, '-' and '_', starting with a letter or digit.", nameof(task));
        }

        return $"{TenantLayout.Root(tenant)}tasks/{task}/";
    }

    /// <summary>Model versions, one immutable folder each: <c>models/v{version}/</c>.</summary>
    public static string Model(string tenant, string task, int version) =>
        Root(tenant, task) + "models/v" + version.ToString("D4", CultureInfo.InvariantCulture) + "/";

    /// <summary>Scoring runs and the current scores: <c>predictions/</c>.</summary>
    public static string Predictions(string tenant, string task) => Root(tenant, task) + "predictions/";

    /// <summary>Files exported to destinations: <c>exports/</c>.</summary>
    public static string Exports(string tenant, string task) => Root(tenant, task) + "exports/";

    /// <summary>Expected vs actual conversion per bucket once outcome windows close: <c>monitoring/</c>.</summary>
    public static string Monitoring(string tenant, string task) => Root(tenant, task) + "monitoring/";
}
