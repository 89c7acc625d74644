using Clickcast.Tenants;

namespace Clickcast.Cli;

/// <summary>Reads tenant and task definitions from JSON files, with errors that name the file and line.</summary>
internal static class TaskFiles
{
    public static TaskDefinition LoadTask(FileInfo file) => Load<TaskDefinition>(file);

    public static TenantDefinition LoadTenant(FileInfo file) => Load<TenantDefinition>(file);

    private static T Load<T>(FileInfo file)
        where T : class
    {
        try
        {
            // Strict: an unknown key or enum value is an error naming the valid ones, never silently ignored.
            return DefinitionJson.TryRead<T>(File.ReadAllText(file.FullName), out var value, out var error)
                ? value
                : throw new CliException($"{file.FullName}: {error}");
        }
        catch (FileNotFoundException)
        {
            throw new CliException($"{file.FullName}: no such file");
        }
    }
}
