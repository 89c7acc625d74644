using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Clickcast.Tests.Support;

/// <summary>
/// A CDP on 127.0.0.1 (a free port) for export tests: a signed-webhook endpoint, a file manager (<c>PUT
/// /file-manager/v1/files/{name}</c>) and the Join inputs endpoint
/// (<c>POST /integration-manager/v1/adapters/{adapter}/instances/{instance}/inputs</c>). It checks signatures and
/// required headers itself (from the documented scheme, not with the sender's code), dedupes webhook batches by
/// <c>Idempotency-Key</c> and Join inputs by <c>source</c> the way a well-behaved receiver does, yet counts every
/// accepted receipt so tests see duplicates, and fails on demand.
/// </summary>
public sealed partial class FakeCdp : IAsyncDisposable
{
    public const string WebhookPath = "/hooks/scores";
    public const string FileManagerPath = "/file-manager/v1/files";
    public const string SignatureHeader = "X-Clickcast-Signature";

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly List<FakeCdpRequest> _requests = [];
    private readonly List<string> _rejections = [];
    private readonly Dictionary<string, JsonElement> _webhookBatches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _webhookReceipts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _fileUploads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeJoinInput> _joinInputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _joinInputReceipts = new(StringComparer.Ordinal);
    private readonly Queue<FakeCdpFailure> _scheduledFailures = new();
    private FakeCdpFailure? _down;

    private FakeCdp(TcpListener listener, string webhookSecret, string joinToken, string onBehalfOf, TimeProvider time)
    {
        _listener = listener;
        _time = time;
        BaseUrl = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        WebhookSecret = webhookSecret;
        JoinToken = joinToken;
        OnBehalfOf = onBehalfOf;
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Starts a fake CDP on a free loopback port (the OS picks it: no probe-then-bind race).</summary>
    public static FakeCdp Start(string webhookSecret = "whsec-0123456789abcdef", string joinToken = "join-token-0123456789", string onBehalfOf = "cid-42", TimeProvider? time = null)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new FakeCdp(listener, webhookSecret, joinToken, onBehalfOf, time ?? TimeProvider.System);
    }

    /// <summary>e.g. <c>http://127.0.0.1:40123</c></summary>
    public string BaseUrl { get; }

    public string WebhookUrl => BaseUrl + WebhookPath;

    public string FileManagerUrl => BaseUrl + FileManagerPath;

    public string WebhookSecret { get; }

    public string JoinToken { get; }

    public string OnBehalfOf { get; }

    /// <summary>How far a signature's timestamp may be from the receiver's clock.</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Called after each request the CDP accepted and processed (before the answer is sent).</summary>
    public Action<FakeCdpRequest>? OnAccepted { get; set; }

    /// <summary>Every request received, in arrival order.</summary>
    public IReadOnlyList<FakeCdpRequest> Requests
    {
        get { lock (_gate) { return [.. _requests]; } }
    }

    /// <summary>Why requests were refused for bad signatures, headers or bodies (not injected failures).</summary>
    public IReadOnlyList<string> Rejections
    {
        get { lock (_gate) { return [.. _rejections]; } }
    }

    /// <summary>Webhook bodies by idempotency key: the first accepted receipt of each.</summary>
    public IReadOnlyDictionary<string, JsonElement> WebhookBatches
    {
        get { lock (_gate) { return new Dictionary<string, JsonElement>(_webhookBatches, StringComparer.Ordinal); } }
    }

    /// <summary>Accepted webhook receipts per idempotency key, duplicates included.</summary>
    public IReadOnlyDictionary<string, int> WebhookReceipts
    {
        get { lock (_gate) { return new Dictionary<string, int>(_webhookReceipts, StringComparer.Ordinal); } }
    }

    /// <summary>Files in the file manager by name (the last upload wins, as PUT does).</summary>
    public IReadOnlyDictionary<string, byte[]> Files
    {
        get { lock (_gate) { return new Dictionary<string, byte[]>(_files, StringComparer.Ordinal); } }
    }

    /// <summary>Accepted uploads per file name, duplicates included.</summary>
    public IReadOnlyDictionary<string, int> FileUploads
    {
        get { lock (_gate) { return new Dictionary<string, int>(_fileUploads, StringComparer.Ordinal); } }
    }

    /// <summary>Join inputs by source file name: the first accepted receipt of each.</summary>
    public IReadOnlyDictionary<string, FakeJoinInput> JoinInputs
    {
        get { lock (_gate) { return new Dictionary<string, FakeJoinInput>(_joinInputs, StringComparer.Ordinal); } }
    }

    /// <summary>Accepted Join inputs per source, duplicates included.</summary>
    public IReadOnlyDictionary<string, int> JoinInputReceipts
    {
        get { lock (_gate) { return new Dictionary<string, int>(_joinInputReceipts, StringComparer.Ordinal); } }
    }

    /// <summary>Fails the next <paramref name="count"/> requests, whatever their path.</summary>
    public void FailNext(int count, FakeCdpFailure failure = FakeCdpFailure.ServiceUnavailable)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _scheduledFailures.Enqueue(failure);
            }
        }
    }

    /// <summary>Fails every request until <see cref="ComeBack"/>.</summary>
    public void GoDown(FakeCdpFailure failure = FakeCdpFailure.ServiceUnavailable)
    {
        lock (_gate)
        {
            _down = failure;
        }
    }

    /// <summary>Ends <see cref="GoDown"/>.</summary>
    public void ComeBack()
    {
        lock (_gate)
        {
            _down = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }

    /// <summary>What to do with a request: answer it (possibly with an injected error status), or fail it at the connection.</summary>
    private (int Status, FakeCdpFailure? ConnectionFailure) Decide(FakeCdpRequest received)
    {
        FakeCdpFailure? failure;
        lock (_gate)
        {
            failure = _down ?? (_scheduledFailures.Count > 0 ? _scheduledFailures.Dequeue() : null);
        }

        switch (failure)
        {
            case FakeCdpFailure.ServiceUnavailable or FakeCdpFailure.BadRequest:
                var injected = failure == FakeCdpFailure.ServiceUnavailable ? 503 : 400;
                Record(received with { Status = injected });
                return (injected, null);
            case { } connection:
                Record(received);
                return (0, connection);
        }

        var status = Handle(received);
        var answered = received with { Status = status };
        Record(answered);
        if (status is >= 200 and < 300)
        {
            OnAccepted?.Invoke(answered);
        }

        return (status, null);
    }

    private void Record(FakeCdpRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }

    private int Reject(string reason, int status)
    {
        lock (_gate)
        {
            _rejections.Add(reason);
        }

        return status;
    }

    /// <summary>Verifies <c>t={unix seconds},v1={hex HMAC-SHA256(secret, "{t}." + body)}</c> as docs/export.md tells receivers to.</summary>
    private bool SignatureIsValid(string? header, byte[] body, out string problem)
    {
        problem = string.Empty;
        if (string.IsNullOrEmpty(header))
        {
            problem = "no signature";
            return false;
        }

        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1) || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            problem = "malformed signature";
            return false;
        }

        var age = _time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() > SignatureTolerance)
        {
            problem = "stale signature";
            return false;
        }

        var signed = Encoding.UTF8.GetBytes(t + ".").Concat(body).ToArray();
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), signed);
        byte[] actual;
        try
        {
            actual = Convert.FromHexString(v1);
        }
        catch (FormatException)
        {
            problem = "signature is not hex";
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            problem = "signature mismatch";
            return false;
        }

        return true;
    }
}
