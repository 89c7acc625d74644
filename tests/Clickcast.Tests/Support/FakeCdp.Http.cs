using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;

namespace Clickcast.Tests.Support;

/// <summary>
/// Just enough HTTP/1.1 for <see cref="FakeCdp"/>: keep-alive connections, Content-Length bodies, empty answers.
/// Hand-rolled rather than HttpListener so a dropped connection really is dropped and a hang really hangs.
/// </summary>
public sealed partial class FakeCdp
{
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();

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
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException || _stop.IsCancellationRequested)
            {
                // Once stopping, whatever the stopped listener throws ends the loop: between two accepts it says
                // "Not listening" (InvalidOperationException) rather than a cancellation.
                break;
            }

            connections.Add(Task.Run(() => ServeAsync(client)));
        }

        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var connection = client;
        var stream = client.GetStream();
        var reader = PipeReader.Create(stream);
        try
        {
            while (await ReadRequestAsync(reader) is { } request)
            {
                var (status, failure) = Decide(request);
                if (failure == FakeCdpFailure.Hang)
                {
                    // Hold the request until the client gives up (closes) or the fake stops.
                    while (!(await reader.ReadAsync(_stop.Token)).IsCompleted)
                    {
                    }

                    return;
                }

                if (failure == FakeCdpFailure.DropConnection)
                {
                    client.Client.LingerState = new LingerOption(true, 0);
                    return;
                }

                var extra = status == 503 ? "Retry-After: 0\r\n" : string.Empty;
                var head = $"HTTP/1.1 {status} {Reason(status)}\r\nContent-Length: 0\r\n{extra}\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, or the fake is stopping.
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    /// <summary>Reads one request, or null when the client closed the connection.</summary>
    private async Task<FakeCdpRequest?> ReadRequestAsync(PipeReader reader)
    {
        string head;
        while (true)
        {
            var result = await reader.ReadAsync(_stop.Token);
            var sequence = new SequenceReader<byte>(result.Buffer);
            if (sequence.TryReadTo(out ReadOnlySequence<byte> headBytes, HeadEnd))
            {
                head = Encoding.Latin1.GetString(headBytes);
                reader.AdvanceTo(sequence.Position);
                break;
            }

            if (result.IsCompleted)
            {
                return null;
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }

        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var length = headers.TryGetValue("Content-Length", out var text) ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var body = Array.Empty<byte>();
        if (length > 0)
        {
            while (true)
            {
                var result = await reader.ReadAsync(_stop.Token);
                if (result.Buffer.Length >= length)
                {
                    body = result.Buffer.Slice(0, length).ToArray();
                    reader.AdvanceTo(result.Buffer.GetPosition(length));
                    break;
                }

                if (result.IsCompleted)
                {
                    return null;
                }

                reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            }
        }

        var target = requestLine[1];
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(query < 0 ? target : target[..query]);
        return new FakeCdpRequest(requestLine[0], path, headers, body, 0);
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        503 => "Service Unavailable",
        _ => "Status",
    };
}
