using System.Diagnostics;
using System.Text;
using Clickcast.Storage;

namespace Clickcast.IntegrationTests.Support;

/// <summary>
/// The S3-compatible server the S3 tests talk to: the one <c>./test.sh</c> started (announced through the
/// <c>CLICKCAST_TEST_S3_*</c> variables), or else one started here from <c>tests/services</c> once its npm
/// packages are installed. With neither, every S3 test fails: they must never pass without a server.
/// </summary>
public sealed class S3TestServer : IAsyncLifetime
{
    public const string EndpointVariable = "CLICKCAST_TEST_S3_ENDPOINT";
    public const string AccessKeyVariable = "CLICKCAST_TEST_S3_ACCESS_KEY";
    public const string SecretKeyVariable = "CLICKCAST_TEST_S3_SECRET_KEY";
    public const string RegionVariable = "CLICKCAST_TEST_S3_REGION";

    /// <summary>The key pair s3rver accepts; a server named by the environment brings its own.</summary>
    private const string S3rverCredential = "S3RVER";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly StringBuilder _serverErrors = new();
    private Process? _process;
    private string? _dataDirectory;

    public string ServiceUrl { get; private set; } = string.Empty;

    public string AccessKey { get; private set; } = S3rverCredential;

    public string SecretKey { get; private set; } = S3rverCredential;

    public string Region { get; private set; } = "us-east-1";

    /// <summary>The bucket the tests share; each test works under its own key prefix.</summary>
    public string Bucket { get; } = "clickcast-tests";

    public S3StorageOptions CreateOptions(string keyPrefix = "", string? bucket = null) => new()
    {
        ServiceUrl = ServiceUrl,
        Region = Region,
        Bucket = bucket ?? Bucket,
        KeyPrefix = keyPrefix,
        AccessKey = AccessKey,
        SecretKey = SecretKey,
        RequestTimeout = TimeSpan.FromSeconds(60),
        // A test server that fails, fails the same way on a retry.
        MaxRetries = 0,
    };

    public S3ObjectStore CreateStore(string keyPrefix = "", int listPageSize = 1000, string? bucket = null)
    {
        var options = CreateOptions(keyPrefix, bucket);
        options.ListPageSize = listPageSize;
        return new S3ObjectStore(options, TimeProvider.System);
    }

    /// <summary>Deletes every object under the store's key prefix, leaving nothing on a server that outlives the test run, then disposes the store.</summary>
    public static async ValueTask EmptyAndDisposeAsync(S3ObjectStore store)
    {
        await foreach (var item in store.ListAsync(""))
        {
            await store.DeleteAsync(item.Key);
        }

        store.Dispose();
    }

    public async ValueTask InitializeAsync()
    {
        var endpoint = Environment.GetEnvironmentVariable(EndpointVariable);
        if (!string.IsNullOrEmpty(endpoint))
        {
            ServiceUrl = endpoint;
            AccessKey = Environment.GetEnvironmentVariable(AccessKeyVariable) ?? AccessKey;
            SecretKey = Environment.GetEnvironmentVariable(SecretKeyVariable) ?? SecretKey;
            Region = Environment.GetEnvironmentVariable(RegionVariable) ?? Region;
        }
        else
        {
            ServiceUrl = await StartLocalServerAsync();
        }

        using var store = CreateStore();
        await store.EnsureBucketAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private async Task<string> StartLocalServerAsync()
    {
        var services = FindServicesFolder();
        var script = Path.Combine(services ?? string.Empty, "s3-server.js");
        if (services is null || !Directory.Exists(Path.Combine(services, "node_modules", "@20minutes", "s3rver")))
        {
            throw new InvalidOperationException(
                $"The S3 tests need an S3-compatible server and have none: {EndpointVariable} is not set and "
                + "tests/services/node_modules is not installed. Run ./test.sh from the repository root (it installs "
                + "and starts the server), or run `npm ci` in tests/services once so that `dotnet test` starts it.");
        }

        _dataDirectory = Path.Combine(Path.GetTempPath(), "clickcast-s3rver-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = services,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--openssl-legacy-provider", script, "--directory", _dataDirectory, "--port", "0", "--exit-on-stdin-close" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("The S3 tests start their server with `node`, which is not on PATH. Run ./test.sh, which installs it.", ex);
        }

        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_serverErrors)
            {
                _serverErrors.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();

        const string Ready = "S3 server listening on ";
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            while (await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith(Ready, StringComparison.Ordinal))
                {
                    // Keep draining so that a chatty server never blocks on a full pipe.
                    _ = _process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    return line[Ready.Length..].Trim();
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"tests/services/s3-server.js did not report ready within {StartTimeout}. {ServerErrors()}");
        }

        throw new InvalidOperationException($"tests/services/s3-server.js exited before it was ready. {ServerErrors()}");
    }

    private string ServerErrors()
    {
        lock (_serverErrors)
        {
            return _serverErrors.ToString().Trim();
        }
    }

    private static string? FindServicesFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var services = Path.Combine(folder.FullName, "tests", "services");
            if (File.Exists(Path.Combine(services, "s3-server.js")))
            {
                return services;
            }
        }

        return null;
    }
}
