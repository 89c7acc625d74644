using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Clickcast.Export;

/// <summary>
/// A delivery failure as tenants see it (delivery history, <c>GET /exports</c>, the CLI, the dashboard): what failed,
/// in a few fixed categories, never an address, a port, a socket error or a response body — so a destination URL
/// cannot be used to scan the server's network. The full exception goes to the operator's log.
/// </summary>
internal static class DeliveryFailure
{
    /// <summary>The connection was refused by <see cref="ExportNetworkPolicy"/>.</summary>
    public const string RefusedByPolicy = "refused by network policy: the destination's address is not one export may reach";

    /// <summary>No connection could be made (unknown host, refused, unreachable), or it broke.</summary>
    public const string CouldNotConnect = "could not connect to the destination";

    /// <summary>An attempt or the whole retry budget ran out.</summary>
    public const string TimedOut = "timed out";

    /// <summary>The circuit breaker stopped sending after repeated failures.</summary>
    public const string CircuitOpen = "not sent: too many recent failures to this destination (retried later)";

    /// <summary>Anything else: the operator's log has the details.</summary>
    public const string Unexpected = "failed unexpectedly (the server log has the details)";

    /// <summary>The tenant-visible text for <paramref name="exception"/>.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        ExportDeliveryException => exception.Message,
        _ when Find<ExportNetworkPolicyException>(exception) is not null => RefusedByPolicy,
        TimeoutRejectedException or TimeoutException or OperationCanceledException => TimedOut,
        _ when Find<TimeoutRejectedException>(exception) is not null || Find<TimeoutException>(exception) is not null => TimedOut,
        BrokenCircuitException => CircuitOpen,
        HttpRequestException { StatusCode: { } status } => $"answered HTTP {(int)status}",
        HttpRequestException => CouldNotConnect,

        // A connection that broke while the request or the answer was under way can surface as the stream's error
        // (IOException, HttpIOException, SocketException) rather than wrapped in an HttpRequestException.
        _ when Find<HttpRequestException>(exception) is not null || Find<IOException>(exception) is not null
            || Find<System.Net.Sockets.SocketException>(exception) is not null => CouldNotConnect,
        _ => Unexpected,
    };

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }
}
