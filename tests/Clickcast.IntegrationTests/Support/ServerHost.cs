using System.Net.Http.Headers;
using Clickcast.Server;
using Clickcast.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Clickcast.IntegrationTests.Support;

/// <summary>
/// The real server (Kestrel on 127.0.0.1, a free port) over a temp data folder, workers off so tests drive the
/// pipeline themselves. Nothing is shared with other tests.
/// </summary>
public sealed class ServerHost : IAsyncDisposable
{
    public const string AdminKey = "ck_00000000000000000000000000000000000000000000admin0";

    private readonly TempFolder _folder;

    private ServerHost(WebApplication app, Uri address, TempFolder folder)
    {
        App = app;
        Address = address;
        _folder = folder;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public IServiceProvider Services => App.Services;

    public string DataPath => _folder.File("data");

    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public static async Task<ServerHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var folder = new TempFolder();
        var all = new Dictionary<string, string?>
        {
            ["Server:RunWorkers"] = "false",
            ["Server:AdminKey"] = AdminKey,
            ["Pipeline:SequencesDebounce"] = "00:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var app = ClickcastServer.Build(new ServerHostSettings
        {
            ContentRoot = folder.Path,
            DataPath = folder.File("data"),
            Urls = ["http://127.0.0.1:0"],
            Settings = all,
            ConfigureServices = configure,
        });
        await ClickcastServer.PrepareAsync(app);
        await app.StartAsync();
        return new ServerHost(app, new Uri(ClickcastServer.Addresses(app)[0]), folder);
    }

    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        _folder.Dispose();
    }
}
