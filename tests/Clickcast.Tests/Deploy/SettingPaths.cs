using System.Reflection;
using Clickcast.Export;
using Clickcast.Pipeline;
using Clickcast.Pipeline.Jobs;
using Clickcast.Pipeline.Triggers;
using Clickcast.Server.Hosting;
using Clickcast.Storage;
using Clickcast.Tenants;

namespace Clickcast.Tests.Deploy;

/// <summary>
/// Which setting paths (<c>S3:Bucket</c>, <c>Jobs:Workers</c>) exist, read by reflection from the options types the
/// settings bind to: a settable public property per key, nested options classes as sub-sections.
/// </summary>
internal static class SettingPaths
{
    /// <summary>The options type of each top-level key; DataPath, KeyRingPath, Storage, S3 and Metadata are ClickcastOptions' own.</summary>
    public static readonly IReadOnlyDictionary<string, Type> Sections = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
    {
        ["Jobs"] = typeof(JobOptions),
        ["Sensor"] = typeof(SensorOptions),
        ["Pipeline"] = typeof(PipelineOptions),
        ["Export"] = typeof(ExportOptions),
        ["Server"] = typeof(ServerOptions),
        ["Limits"] = typeof(TenantLimits),
        ["Audit"] = typeof(Clickcast.Tenants.Audit.AuditOptions),
    };

    /// <summary>Free-form sections: Microsoft.Extensions.Logging's, any key below.</summary>
    public static readonly IReadOnlySet<string> FreeForm = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Logging" };

    /// <summary>Whether <paramref name="path"/> (':'-separated, as configuration keys are) names a setting.</summary>
    public static bool Exists(string path)
    {
        var parts = path.Split(':');
        if (FreeForm.Contains(parts[0]))
        {
            return true;
        }

        return Sections.TryGetValue(parts[0], out var type) ? Resolves(type, parts.AsSpan(1)) : Resolves(typeof(ClickcastOptions), parts);
    }

    private static bool Resolves(Type type, ReadOnlySpan<string> parts)
    {
        if (parts.IsEmpty)
        {
            return IsLeaf(type);
        }

        var property = type.GetProperty(parts[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is not { CanWrite: true } || property.SetMethod is not { IsPublic: true })
        {
            return false;
        }

        var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (target.IsGenericType && target.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            return parts.Length >= 2;
        }

        // A list binds from Key:0, Key:1, ...: an index, then the element's own path.
        return Element(target) is { } element
            ? parts.Length >= 2 && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out _) && Resolves(element, parts[2..])
            : Resolves(target, parts[1..]);
    }

    private static Type? Element(Type type) =>
        type.IsArray ? type.GetElementType()
        : type != typeof(string) && type.IsGenericType && type.GetGenericArguments() is [var element] && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? element
        : null;

    private static bool IsLeaf(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(TimeSpan) || t == typeof(decimal) || t == typeof(Uri);
    }
}
