using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clickcast.Storage;

/// <summary>The JSON conventions of every manifest, ledger and report Clickcast writes: camelCase, enums as names.</summary>
public static class ClickcastJson
{
    /// <summary>Compact options for stored objects.</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>Indented options for files people read (manifests, reports printed by the CLI).</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
