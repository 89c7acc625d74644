namespace Clickcast.Tests.Support;

/// <summary>How <see cref="FakeCdp"/> fails a request on demand.</summary>
public enum FakeCdpFailure
{
    /// <summary>503 with <c>Retry-After: 0</c>: transient, retried by the client.</summary>
    ServiceUnavailable,

    /// <summary>Never answers: the client's attempt timeout fires.</summary>
    Hang,

    /// <summary>Closes the connection without an answer.</summary>
    DropConnection,

    /// <summary>400: permanent, not retried.</summary>
    BadRequest,
}
