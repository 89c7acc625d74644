using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace Clickcast.Tenants;

/// <summary>
/// Reads tenant and task definitions strictly: an unknown key (a typo such as <c>clientID</c> for <c>clientId</c>
/// in the wrong place, <c>timeField</c>) is an error naming the key and the valid ones, and an enum value that does
/// not exist is an error listing the valid values. A setting silently ignored is a setting that does not exist.
/// </summary>
public static partial class DefinitionJson
{
    /// <summary>camelCase, enums as names only, unknown members refused.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Reads a definition; false with a readable <paramref name="error"/> (path, key, valid keys or values) when it is not one.</summary>
    public static bool TryRead<T>(string json, [NotNullWhen(true)] out T? value, [NotNullWhen(false)] out string? error)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            value = JsonSerializer.Deserialize<T>(json, Options);
            error = value is null ? "the definition is empty (null)" : null;
            return value is not null;
        }
        catch (JsonException ex)
        {
            value = null;
            error = Describe(ex, typeof(T), Options);
            return false;
        }
    }

    /// <summary>
    /// A readable message for a definition that did not deserialize: where it failed (JSON path and line), which key
    /// is unknown and which keys are valid there, or which values an enum takes.
    /// </summary>
    public static string Describe(JsonException exception, Type root, JsonSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(root);
        options ??= Options;
        var where = exception.LineNumber is { } line ? $" (line {line + 1})" : string.Empty;
        var path = exception.Path ?? "$";
        var segments = Segments(path);
        var type = root;
        var walked = new List<string>();
        foreach (var segment in segments)
        {
            if (segment.StartsWith('['))
            {
                type = ElementType(type) ?? type;
                walked.Add(segment);
                continue;
            }

            var info = options.GetTypeInfo(type);
            var property = info.Kind == JsonTypeInfoKind.Object
                ? info.Properties.FirstOrDefault(p => string.Equals(p.Name, segment, StringComparison.OrdinalIgnoreCase))
                : null;
            if (property is null)
            {
                if (info.Kind != JsonTypeInfoKind.Object)
                {
                    break;
                }

                var at = walked.Count == 0 ? "the top level" : Join(walked);
                return $"unknown key '{segment}' in {at}{where}; valid keys there: {string.Join(", ", info.Properties.Select(p => p.Name))}";
            }

            walked.Add(property.Name);
            type = property.PropertyType;
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        var name = walked.Count == 0 ? "the definition" : Join(walked);
        if (target.IsEnum)
        {
            return $"{name}{where}: not a valid value; valid values: {string.Join(", ", Enum.GetNames(target))}";
        }

        return $"{name}{where}: {FirstSentence(exception.Message)}";
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private static string Join(List<string> walked) => string.Concat(walked.Select((s, i) => i == 0 || s.StartsWith('[') ? s : "." + s));

    private static List<string> Segments(string path)
    {
        var result = new List<string>();
        foreach (Match match in SegmentPattern().Matches(path))
        {
            result.Add(match.Groups["name"].Success ? match.Groups["name"].Value
                : match.Groups["quoted"].Success ? match.Groups["quoted"].Value
                : match.Value);
        }

        return result;
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }

    private static string FirstSentence(string message)
    {
        var path = message.IndexOf(" Path:", StringComparison.Ordinal);
        return path > 0 ? message[..path] : message;
    }

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>[^']*)'\]|\[\d+\]")]
    private static partial Regex SegmentPattern();
}
