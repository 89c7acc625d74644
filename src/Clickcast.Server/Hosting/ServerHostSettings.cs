using Microsoft.Extensions.DependencyInjection;

namespace Clickcast.Server.Hosting;

/// <summary>How a host starts the server: where it listens and reads settings, and what it adds to the services.</summary>
public sealed class ServerHostSettings
{
    /// <summary>The content root, and the folder whose <c>clickcast.json</c> is read; the current folder when null.</summary>
    public string? ContentRoot { get; init; }

    /// <summary>A settings file that must exist (<c>--settings</c>), instead of <c>clickcast.json</c> in <see cref="ContentRoot"/>.</summary>
    public string? SettingsFile { get; init; }

    /// <summary>Environment variables to read settings from; the process's when null (tests pass their own).</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>Addresses to listen on (<c>http://127.0.0.1:0</c> picks a free port); configuration decides when empty.</summary>
    public IReadOnlyList<string> Urls { get; init; } = [];

    /// <summary>Overrides the <c>DataPath</c> setting when set.</summary>
    public string? DataPath { get; init; }

    /// <summary>Settings that win over the file and the environment: the flags a command line gave, or a test's.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Adds services after Clickcast's (the GRU family, test doubles).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}
