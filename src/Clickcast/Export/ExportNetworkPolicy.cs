using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Clickcast.Export;

/// <summary>
/// Which addresses export may connect to. Tenants set destination URLs, so by default only public addresses are
/// reachable: loopback, private, link-local (cloud metadata), CGNAT, unique-local, multicast, unspecified, broadcast
/// and reserved ranges — also in their IPv4-mapped, IPv4-compatible and NAT64 IPv6 forms — are refused unless the
/// operator allow-lists a network in <see cref="ExportHttpOptions.AllowedNetworks"/>. Checked when a definition is
/// saved and again for every connection (see <see cref="ExportHttpHandler"/>), so a name that changes its DNS answer
/// after the save is still refused.
/// </summary>
public sealed class ExportNetworkPolicy
{
    private static readonly (IPNetwork Network, string Kind)[] Restricted =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified"),
        (IPNetwork.Parse("10.0.0.0/8"), "private"),
        (IPNetwork.Parse("100.64.0.0/10"), "shared (CGNAT)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local"),
        (IPNetwork.Parse("172.16.0.0/12"), "private"),
        (IPNetwork.Parse("192.0.0.0/24"), "reserved"),
        (IPNetwork.Parse("192.168.0.0/16"), "private"),
        (IPNetwork.Parse("198.18.0.0/15"), "reserved"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved or broadcast"),
        (IPNetwork.Parse("::/128"), "unspecified"),
        (IPNetwork.Parse("::1/128"), "loopback"),
        (IPNetwork.Parse("fc00::/7"), "unique-local"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("fec0::/10"), "site-local"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork V4Compatible = IPNetwork.Parse("::/96");

    private readonly IPNetwork[] _allowed;

    /// <summary>A policy allowing the operator's <see cref="ExportHttpOptions.AllowedNetworks"/>.</summary>
    public ExportNetworkPolicy(IOptions<ExportOptions> options)
        : this(options?.Value.Http.AllowedNetworks ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    /// <summary>A policy allowing <paramref name="allowedNetworks"/> (CIDR notation) besides the public addresses.</summary>
    /// <exception cref="FormatException">A network is not in CIDR notation.</exception>
    public ExportNetworkPolicy(IEnumerable<string> allowedNetworks)
    {
        ArgumentNullException.ThrowIfNull(allowedNetworks);
        _allowed = allowedNetworks.Select(n => IPNetwork.Parse(n.Trim())).ToArray();
    }

    /// <summary>
    /// The kind of non-public range <paramref name="address"/> is in (<c>loopback</c>, <c>private</c>,
    /// <c>link-local</c>...), or null when it is a public address.
    /// </summary>
    public static string? RestrictedKind(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var embedded = EmbeddedIPv4(address);
        if (embedded is not null)
        {
            return RestrictedKind(embedded);
        }

        if (address.Equals(IPAddress.Broadcast))
        {
            return "broadcast";
        }

        foreach (var (network, kind) in Restricted)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>Whether export may connect to <paramref name="address"/>: a public address, or one in an allowed network.</summary>
    public bool Allows(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (RestrictedKind(address) is null)
        {
            return true;
        }

        var normalized = EmbeddedIPv4(address) ?? address;
        foreach (var network in _allowed)
        {
            if (network.BaseAddress.AddressFamily == normalized.AddressFamily && network.Contains(normalized))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Why a destination URL may not be saved, or null when it may: its host is a literal address in a refused range,
    /// or a name any of whose addresses is. A name that does not resolve now passes: connections are checked again.
    /// </summary>
    public async Task<string?> CheckUrlAsync(string url, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var host = uri.IdnHost.Trim('[', ']');
        if (IPAddress.TryParse(host, out var literal))
        {
            return Allows(literal)
                ? null
                : $"the host is a {RestrictedKind(literal)} address, which export may not reach (an operator can allow the network in Export:Http:AllowedNetworks)";
        }

        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return null;
        }

        return addresses.All(Allows)
            ? null
            : "the host name resolves to a non-public address, which export may not reach (an operator can allow the network in Export:Http:AllowedNetworks)";
    }

    /// <summary>
    /// The problems of <paramref name="destination"/>'s URLs under this policy, each with its member path
    /// (<c>Webhook.Url</c>, <c>Join.BaseUrl</c>, <c>Join.FileManagerUrl</c>); empty when every URL may be saved.
    /// </summary>
    public async Task<IReadOnlyList<(string Member, string Problem)>> CheckAsync(ExportDestinationOptions destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var problems = new List<(string, string)>();
        foreach (var (url, member) in destination.Urls())
        {
            if (await CheckUrlAsync(url, cancellationToken).ConfigureAwait(false) is { } problem)
            {
                problems.Add((member, problem));
            }
        }

        return problems;
    }

    /// <summary>The IPv4 address inside an IPv4-mapped (<c>::ffff:a.b.c.d</c>), IPv4-compatible or NAT64 IPv6 address.</summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        // ::/96 holds :: and ::1 themselves, which the table names; only the compatible form of a real IPv4 counts.
        if ((Nat64.Contains(address) || V4Compatible.Contains(address)) && !address.Equals(IPAddress.IPv6Any) && !address.Equals(IPAddress.IPv6Loopback))
        {
            var bytes = address.GetAddressBytes();
            return new IPAddress(bytes.AsSpan(12, 4));
        }

        return null;
    }
}
