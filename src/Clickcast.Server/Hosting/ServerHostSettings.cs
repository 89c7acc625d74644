using Microsoft.Extensions.DependencyInjection;

namespace Clickcast.Server.Hosting;

/// <summary>How a host starts the server: where it listens and reads settings, and what it adds to the services.</summary>
public sealed class ServerHostSettings
{
    /// <summary>Command-line arguments for configuration (<c>--Server:RunWorkers=false</c>).</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Folder with appsettings.json; the current folder when null.</summary>
    public string? ContentRoot { get; init; }

    /// <summary>Addresses to listen on (<c>http://127.0.0.1:0</c> picks a free port); configuration decides when empty.</summary>
    public IReadOnlyList<string> Urls { get; init; } = [];

    /// <summary>Overrides <c>Clickcast:DataPath</c> when set.</summary>
    public string? DataPath { get; init; }

    /// <summary>Settings that win over every other source (tests).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Adds services after Clickcast's (the GRU family, test doubles).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}
