using System.CommandLine;

namespace Clickcast.Cli;

/// <summary>Options every verb understands.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string> Data = new("--data")
    {
        Description = "Folder of the embedded store (objects, database, models). Default: $CLICKCAST_DATA or ./clickcast-data. "
            + "Set CLICKCAST_S3_SERVICE_URL, CLICKCAST_S3_BUCKET, CLICKCAST_S3_ACCESS_KEY and CLICKCAST_S3_SECRET_KEY to keep objects in S3-compatible storage instead.",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CLICKCAST_DATA") ?? "clickcast-data",
    };

    public static readonly Option<string?> Server = new("--server")
    {
        Description = "A Clickcast server's URL: the tenants, tasks, runs, models, predictions, uploads, exports and keys verbs call its API instead of the local store. Default: $CLICKCAST_SERVER.",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CLICKCAST_SERVER"),
    };

    public static readonly Option<string?> Key = new("--key")
    {
        Description = "The API key for --server (an admin or tenant key). Default: $CLICKCAST_KEY.",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CLICKCAST_KEY"),
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log what each step does (to standard error).",
        Recursive = true,
    };

    public static readonly Option<string> Tenant = new("--tenant", "-t")
    {
        Description = "Tenant id (a-z, 0-9, '-', '_').",
        DefaultValueFactory = _ => "demo",
    };

    public static readonly Option<FileInfo?> Config = new("--config")
    {
        Description = "JSON file with the tenant's data-plane settings ({\"ingest\": {...}, \"sequences\": {...}}).",
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print JSON instead of tables (for scripts).",
        Recursive = true,
    };

    public static readonly Option<string> TaskId = new("--task")
    {
        Description = "Task id.",
        Required = true,
    };
}
