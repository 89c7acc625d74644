using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Clickcast.Export;

/// <summary>
/// The one primary handler under every export HTTP client: resolves the destination's host itself and refuses the
/// connection unless every address is allowed by the <see cref="ExportNetworkPolicy"/> (checked at connect time, so
/// DNS rebinding after a save does not help), never follows redirects (a 3xx is a failed delivery: a redirect
/// would re-send the body and the credentials elsewhere), and ignores system proxy settings (a proxy would resolve
/// the host where the policy cannot see it).
/// </summary>
internal static class ExportHttpHandler
{
    /// <summary>How long a pooled connection lives, so a destination's DNS changes are seen (and checked) again.</summary>
    private static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(2);

    public static SocketsHttpHandler Create(ExportNetworkPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = ConnectionLifetime,
            ConnectCallback = (context, cancellationToken) => ConnectAsync(policy, context.DnsEndPoint, cancellationToken),
        };
    }

    /// <summary>Resolves <paramref name="endPoint"/>, refuses it unless every address is allowed, then connects to the first that answers.</summary>
    internal static async ValueTask<Stream> ConnectAsync(ExportNetworkPolicy policy, DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        var host = endPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        // Every address, not just the first: a name answering with one public and one internal address is refused.
        foreach (var address in addresses)
        {
            if (!policy.Allows(address))
            {
                throw new ExportNetworkPolicyException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Export refused to connect to {host}:{endPoint.Port}: {address} is a {ExportNetworkPolicy.RestrictedKind(address)} address outside Export:Http:AllowedNetworks."));
            }
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }
}
