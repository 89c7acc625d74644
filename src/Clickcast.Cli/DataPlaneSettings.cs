using System.Text.Json;
using Clickcast.Ingestion;
using Clickcast.Sequences;
using Clickcast.Tenants;

namespace Clickcast.Cli;

/// <summary>A tenant's data-plane settings as a JSON file: <c>{"ingest": {...}, "sequences": {...}}</c>.</summary>
internal sealed class DataPlaneSettings
{
    public IngestOptions Ingest { get; set; } = new();

    public SequenceOptions Sequences { get; set; } = new();

    /// <summary>The file has an "ingest" section (it overrides the stored definition's).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasIngest { get; private set; }

    /// <summary>The file has a "sequences" section (it overrides the stored definition's).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasSequences { get; private set; }

    public static DataPlaneSettings Load(FileInfo? file)
    {
        if (file is null)
        {
            return new DataPlaneSettings();
        }

        try
        {
            // Strict like tenant definitions: a mistyped key is an error, not a default silently used.
            var json = File.ReadAllText(file.FullName);
            if (!DefinitionJson.TryRead<DataPlaneSettings>(json, out var settings, out var error))
            {
                throw new CliException($"{file.FullName}: not valid settings: {error}");
            }

            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                var names = document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
                settings.HasIngest = names.Contains("ingest", StringComparer.OrdinalIgnoreCase);
                settings.HasSequences = names.Contains("sequences", StringComparer.OrdinalIgnoreCase);
            }

            return settings;
        }
        catch (FileNotFoundException)
        {
            throw new CliException($"{file.FullName}: no such settings file");
        }
    }
}
