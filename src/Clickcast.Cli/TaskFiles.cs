using System.Text.Json;
using Clickcast.Storage;
using Clickcast.Tenants;

namespace Clickcast.Cli;

/// <summary>Reads tenant and task definitions from JSON files, with errors that name the file and line.</summary>
internal static class TaskFiles
{
    public static TaskDefinition LoadTask(FileInfo file) => Load<TaskDefinition>(file);

    public static TenantDefinition LoadTenant(FileInfo file) => Load<TenantDefinition>(file);

    private static T Load<T>(FileInfo file)
    {
        try
        {
            using var stream = file.OpenRead();
            return JsonSerializer.Deserialize<T>(stream, ClickcastJson.Options)
                ?? throw new CliException($"{file.FullName}: empty");
        }
        catch (JsonException ex)
        {
            throw new CliException($"{file.FullName}, line {ex.LineNumber + 1}: {ex.Message}");
        }
        catch (FileNotFoundException)
        {
            throw new CliException($"{file.FullName}: no such file");
        }
    }
}
