using System.CommandLine;

namespace Clickcast.Cli;

/// <summary>Options every verb understands.</summary>
internal static class GlobalOptions
{
    // No default value factories that read the environment: help prints defaults, and a key's default is a secret.
    public static readonly Option<string?> Data = new("--data")
    {
        Description = "Folder of the embedded store (objects, database, models): the DataPath setting (clickcast.json, "
            + "CLICKCAST_DataPath or CLICKCAST_DATA; default ./clickcast-data). Given, it wins over them. "
            + "Objects go to S3-compatible storage with the S3 settings (CLICKCAST_S3__ServiceUrl, ... or CLICKCAST_S3_SERVICE_URL, ...).",
        Recursive = true,
    };

    public static readonly Option<FileInfo?> Settings = new("--settings")
    {
        Description = "Settings file to read instead of ./clickcast.json (then CLICKCAST_ environment variables, then flags). The same for every verb, serve and worker included.",
        Recursive = true,
    };

    public static readonly Option<string?> Server = new("--server")
    {
        Description = "A Clickcast server's URL: the tenants, tasks, runs, models, predictions, uploads, exports and keys verbs call its API instead of the local store. Default: the CLICKCAST_SERVER variable.",
        Recursive = true,
    };

    public static readonly Option<string?> Key = new("--key")
    {
        Description = "The API key for --server (an admin or tenant key). Default: the CLICKCAST_KEY variable (never printed).",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log what each step does (to standard error).",
        Recursive = true,
    };

    public static readonly Option<string?> LogFormat = new("--log-format")
    {
        Description = "Log lines as 'text' (default) or 'json' (one JSON object per line): the Logging:Format setting.",
        Recursive = true,
    };

    public static readonly Option<string> Tenant = new("--tenant", "-t")
    {
        Description = "Tenant id (a-z, 0-9, '-', '_').",
        DefaultValueFactory = _ => "demo",
    };

    public static readonly Option<FileInfo?> Config = new("--config")
    {
        Description = "JSON file with data-plane settings ({\"ingest\": {...}, \"sequences\": {...}}); each section given replaces the tenant's stored one.",
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
