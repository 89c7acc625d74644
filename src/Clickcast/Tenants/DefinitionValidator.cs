using System.ComponentModel.DataAnnotations;
using Clickcast.Export;
using Clickcast.Labels;

namespace Clickcast.Tenants;

/// <summary>Checks tenant and task definitions as a whole and says what is wrong by path (<c>tasks[0].target</c>).</summary>
public static class DefinitionValidator
{
    /// <summary>Problems found, empty when the definition is valid.</summary>
    public static IReadOnlyList<string> Validate(TenantDefinition tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var problems = new List<string>();
        Check(tenant, "tenant", problems);
        if (!Events.ClientShard.IsValidCount(tenant.Shards))
        {
            problems.Add($"shards: {tenant.Shards} is not a power of two from 1 to {Events.ClientShard.MaxShards}");
        }

        Check(tenant.Ingest, "ingest", problems);
        Check(tenant.Ingest.Urls, "ingest.urls", problems);
        Check(tenant.Ingest.Limits, "ingest.limits", problems);
        Check(tenant.Ingest.Bots, "ingest.bots", problems);
        CheckTimeZone(tenant.Ingest.Mapping.Time.TimeZone, problems);
        Check(tenant.Sequences, "sequences", problems);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tenant.Tasks.Count; i++)
        {
            var task = tenant.Tasks[i];
            var path = $"tasks[{i}]";
            if (!ids.Add(task.Id))
            {
                problems.Add($"{path}.id: '{task.Id}' is used twice");
            }

            foreach (var problem in Validate(task))
            {
                problems.Add($"{path}.{problem}");
            }

            if (TargetGranularity.Check(task.Target, tenant.Ingest.Urls, task.Urls) is { } coarse)
            {
                problems.Add($"{path}.target: {coarse}");
            }
        }

        return problems;
    }

    /// <summary>Problems of one task, by path within it.</summary>
    public static IReadOnlyList<string> Validate(TaskDefinition task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var problems = new List<string>();
        Check(task, "task", problems);
        Check(task.Labeling, "labeling", problems);
        Check(task.Model, "model", problems);
        Check(task.Model.Gru, "model.gru", problems);
        Check(task.Model.Pretraining, "model.pretraining", problems);
        Check(task.Model.Statistics, "model.statistics", problems);
        Check(task.Model.LogisticRegression, "model.logisticRegression", problems);
        Check(task.Model.LightGbm, "model.lightGbm", problems);
        Check(task.Retraining, "retraining", problems);
        Check(task.Scoring, "scoring", problems);
        if (string.IsNullOrWhiteSpace(task.Target.UrlPattern) && string.IsNullOrWhiteSpace(task.Target.EventType))
        {
            problems.Add("target: set a urlPattern, an eventType, or both");
        }
        else
        {
            try
            {
                _ = new TargetMatcher(task.Target);
            }
            catch (ArgumentException ex)
            {
                problems.Add("target: " + ex.Message);
            }
        }

        if (task.Labeling.Horizon <= TimeSpan.Zero)
        {
            problems.Add("labeling.horizon: must be positive");
        }

        if (task.Scoring.MediumPercentile > task.Scoring.HighPercentile)
        {
            problems.Add("scoring: mediumPercentile must not exceed highPercentile");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < task.Exports.Count; i++)
        {
            var export = task.Exports[i];
            Check(export, $"exports[{i}]", problems);
            if (!names.Add(export.Name))
            {
                problems.Add($"exports[{i}].name: '{export.Name}' is used twice");
            }
        }

        foreach (var (schedule, path) in new[] { (task.Retraining.Schedule, "retraining.schedule"), (task.Scoring.Schedule, "scoring.schedule") })
        {
            if (schedule is not null && !IsCron(schedule))
            {
                problems.Add($"{path}: '{schedule}' is not a 5-field cron expression");
            }
        }

        return problems;
    }

    /// <summary>
    /// Problems of the tenant's export destination URLs under <paramref name="policy"/> (a literal non-public address,
    /// or a host name resolving to one), by path (<c>tasks[0].exports[1].webhook.url</c>). Separate from
    /// <see cref="Validate(TenantDefinition)"/> because it resolves host names and depends on the operator's settings.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ValidateNetworkAsync(TenantDefinition tenant, ExportNetworkPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var problems = new List<string>();
        for (var i = 0; i < tenant.Tasks.Count; i++)
        {
            foreach (var problem in await ValidateNetworkAsync(tenant.Tasks[i], policy, cancellationToken).ConfigureAwait(false))
            {
                problems.Add($"tasks[{i}].{problem}");
            }
        }

        return problems;
    }

    /// <summary>Problems of one task's export destination URLs under <paramref name="policy"/>, by path within the task (<c>exports[0].join.baseUrl</c>).</summary>
    public static async Task<IReadOnlyList<string>> ValidateNetworkAsync(TaskDefinition task, ExportNetworkPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(policy);
        var problems = new List<string>();
        for (var i = 0; i < task.Exports.Count; i++)
        {
            foreach (var (member, problem) in await policy.CheckAsync(task.Exports[i], cancellationToken).ConfigureAwait(false))
            {
                problems.Add($"exports[{i}].{JsonPath(member)}: {problem}");
            }
        }

        return problems;
    }

    /// <summary>A member path as JSON names it: <c>Join.OnBehalfOf</c> is <c>join.onBehalfOf</c>.</summary>
    internal static string JsonPath(string member) =>
        string.Join('.', member.Split('.').Select(static part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));

    private static void CheckTimeZone(string zone, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(zone) || zone.Equals("UTC", StringComparison.OrdinalIgnoreCase) || zone == "Z")
        {
            return;
        }

        try
        {
            _ = TimeZoneInfo.FindSystemTimeZoneById(zone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            problems.Add($"ingest.mapping.time.timeZone: unknown time zone '{zone}'; use an IANA id such as 'Europe/Berlin', or UTC");
        }
    }

    private static bool IsCron(string expression)
    {
        try
        {
            Cronos.CronExpression.Parse(expression);
            return true;
        }
        catch (Cronos.CronFormatException)
        {
            return false;
        }
    }

    private static void Check(object value, string path, List<string> problems)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
        {
            foreach (var result in results)
            {
                var member = result.MemberNames.FirstOrDefault();
                problems.Add(member is null ? $"{path}: {result.ErrorMessage}" : $"{path}.{JsonPath(member)}: {result.ErrorMessage}");
            }
        }
    }
}
