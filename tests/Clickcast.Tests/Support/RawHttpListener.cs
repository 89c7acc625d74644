using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Clickcast.Tests.Support;

/// <summary>
/// A TCP listener on 127.0.0.1 that records every byte it receives, raw — so a test sees a smuggled second request
/// the way the wire carries it — and answers each request (head plus Content-Length body) with one fixed response,
/// or, with <c>response: null</c>, drops every connection as soon as it is accepted.
/// </summary>
public sealed class RawHttpListener : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Lock _gate = new();
    private readonly MemoryStream _received = new();
    private readonly string? _response;
    private int _connections;

    private RawHttpListener(string? response)
    {
        _response = response;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Starts a listener answering every request with <paramref name="status"/> and <paramref name="extraHeaders"/> (each ending in CRLF).</summary>
    public static RawHttpListener Answering(int status, string extraHeaders = "") =>
        new(string.Create(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} Status\r\nContent-Length: 0\r\n{extraHeaders}\r\n"));

    /// <summary>Starts a listener that accepts connections and closes them at once, reading nothing.</summary>
    public static RawHttpListener Dropping() => new(null);

    public int Port { get; }

    /// <summary><c>http://127.0.0.1:{port}</c></summary>
    public string BaseUrl => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}");

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Everything received on every connection, as Latin-1 text.</summary>
    public string Received
    {
        get
        {
            lock (_gate)
            {
                return Encoding.Latin1.GetString(_received.ToArray());
            }
        }
    }

    /// <summary>Request lines received (<c>PUT /x HTTP/1.1</c>), wherever they are in the stream, however the requests were framed.</summary>
    public IReadOnlyList<string> RequestLines =>
        Regex.Matches(Received, @"(?:GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS) /\S* HTTP/1\.1\r\n").Select(m => m.Value.TrimEnd()).ToList();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
        _received.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        var connections = new List<Task>();
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
                // Stopped, possibly before the first accept began.
                break;
            }

            Interlocked.Increment(ref _connections);
            if (_response is null)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                continue;
            }

            connections.Add(Task.Run(() => ServeAsync(client)));
        }

        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var connection = client;
        var stream = client.GetStream();
        var pending = new List<byte>();
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                lock (_gate)
                {
                    _received.Write(buffer, 0, read);
                }

                pending.AddRange(buffer.AsSpan(0, read));
                while (TakeRequest(pending))
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(_response!), _stop.Token);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, or the listener is stopping.
        }
    }

    /// <summary>Removes one complete request (head and Content-Length body) from <paramref name="pending"/>, if there is one.</summary>
    private static bool TakeRequest(List<byte> pending)
    {
        var text = Encoding.Latin1.GetString(pending.ToArray());
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var length = 0;
        foreach (var line in text[..end].Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        var total = end + 4 + length;
        if (pending.Count < total)
        {
            return false;
        }

        pending.RemoveRange(0, total);
        return true;
    }
}
