using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clickcast.Storage;

/// <summary>
/// The JSON conventions of every manifest, ledger and report Clickcast writes: camelCase, enums as names, durations
/// as <c>d.hh:mm:ss</c> (read also as <c>7d</c>, <c>12h</c>, <c>30m</c>, <c>90s</c>).
/// </summary>
public static class ClickcastJson
{
    /// <summary>Compact options for stored objects.</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>Indented options for files people read (manifests, reports printed by the CLI).</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    /// <summary>Adds Clickcast's converters (durations, enums by name) to other options, such as the HTTP API's.</summary>
    public static void AddConverters(IList<JsonConverter> converters)
    {
        ArgumentNullException.ThrowIfNull(converters);
        converters.Add(new DurationJsonConverter());
        converters.Add(new EnumNameConverterFactory());
        converters.Add(new JsonStringEnumConverter());
    }

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        AddConverters(options.Converters);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
