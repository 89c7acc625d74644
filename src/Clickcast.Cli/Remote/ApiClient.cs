using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Clickcast.Storage;

namespace Clickcast.Cli.Remote;

/// <summary>
/// The command line against a server (<c>--server URL --key KEY</c>, or CLICKCAST_SERVER and CLICKCAST_KEY): the same
/// verbs call the HTTP API and print the same records. Errors are the server's ProblemDetails, as one line.
/// </summary>
internal sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(Uri server, string key, HttpMessageHandler? handler = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = server;
        _http.Timeout = TimeSpan.FromMinutes(30);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    /// <summary>A client when the command line names a server, else null (the verbs work on the local store).</summary>
    public static ApiClient? From(System.CommandLine.ParseResult parse)
    {
        var server = parse.GetValue(GlobalOptions.Server) ?? Environment.GetEnvironmentVariable("CLICKCAST_SERVER");
        if (string.IsNullOrWhiteSpace(server))
        {
            return null;
        }

        var key = parse.GetValue(GlobalOptions.Key) ?? Environment.GetEnvironmentVariable("CLICKCAST_KEY");
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new CliException("--server needs an API key: pass --key or set CLICKCAST_KEY.");
        }

        if (!Uri.TryCreate(server.TrimEnd('/') + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CliException($"'{server}' is not an http(s) server URL.");
        }

        return new ApiClient(uri, key);
    }

    public Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) => SendAsync<T>(HttpMethod.Get, path, null, cancellationToken);

    public Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken) =>
        SendAsync<T>(method, path, body, null, cancellationToken);

    /// <summary>Sends with <c>If-Match: "N"</c> when <paramref name="ifMatchVersion"/> is set: the server answers 412 if the definition is at another version.</summary>
    public async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, int? ifMatchVersion, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (ifMatchVersion is { } version)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"\"{version}\"")));
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: ClickcastJson.Options);
        }

        return await ReadAsync<T>(request, cancellationToken).ConfigureAwait(false);
    }

    public async Task SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Streams a file as the body of a PUT, with its SHA-256 for the server to check.</summary>
    public async Task<T> PutFileAsync<T>(string path, string file, string sha256, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using var stream = new ProgressStream(File.OpenRead(file), progress);
        using var request = new HttpRequestMessage(HttpMethod.Put, path.TrimStart('/')) { Content = new StreamContent(stream, 1 << 16) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentLength = new FileInfo(file).Length;
        request.Headers.Add("X-Clickcast-Sha256", sha256);
        return await ReadAsync<T>(request, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private async Task<T> ReadAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<T>(ClickcastJson.Options, cancellationToken).ConfigureAwait(false)
            ?? throw new CliException($"{request.Method} {request.RequestUri}: the server sent an empty answer.");
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        string? detail = null;
        try
        {
            using var problem = JsonDocument.Parse(text);
            detail = problem.RootElement.TryGetProperty("detail", out var d) ? d.GetString() : problem.RootElement.TryGetProperty("title", out var t) ? t.GetString() : null;
        }
        catch (JsonException)
        {
        }

        throw new CliException($"the server answered {(int)response.StatusCode} {response.ReasonPhrase}: {detail ?? text}");
    }

    private sealed class ProgressStream(Stream inner, IProgress<long>? progress) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Report(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Report(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Report(int read)
        {
            _read += read;
            progress?.Report(_read);
            return read;
        }
    }
}
