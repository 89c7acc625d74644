using Clickcast.Ingestion;
using Clickcast.Sequences;
using Clickcast.Tenants;

namespace Clickcast.Cli;

/// <summary>A tenant's data-plane settings as a JSON file: <c>{"ingest": {...}, "sequences": {...}}</c>.</summary>
internal sealed class DataPlaneSettings
{
    public IngestOptions Ingest { get; set; } = new();

    public SequenceOptions Sequences { get; set; } = new();

    public static DataPlaneSettings Load(FileInfo? file)
    {
        if (file is null)
        {
            return new DataPlaneSettings();
        }

        try
        {
            // Strict like tenant definitions: a mistyped key is an error, not a default silently used.
            return DefinitionJson.TryRead<DataPlaneSettings>(File.ReadAllText(file.FullName), out var settings, out var error)
                ? settings
                : throw new CliException($"{file.FullName}: not valid settings: {error}");
        }
        catch (FileNotFoundException)
        {
            throw new CliException($"{file.FullName}: no such settings file");
        }
    }
}
