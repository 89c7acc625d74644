using System.Text.Json;
using Clickcast.Ingestion;
using Clickcast.Sequences;
using Clickcast.Storage;

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
            using var stream = file.OpenRead();
            return JsonSerializer.Deserialize<DataPlaneSettings>(stream, ClickcastJson.Options) ?? new DataPlaneSettings();
        }
        catch (JsonException ex)
        {
            throw new CliException($"{file.FullName}: not valid settings JSON at line {ex.LineNumber + 1}: {ex.Message}");
        }
        catch (FileNotFoundException)
        {
            throw new CliException($"{file.FullName}: no such settings file");
        }
    }
}
