namespace Clickcast.Export;

/// <summary>
/// A connection export refused because the destination's address is not one it may reach (see
/// <see cref="ExportNetworkPolicy"/>). The message names the host and address for the operator's log; tenants see
/// only that the network policy refused it.
/// </summary>
internal sealed class ExportNetworkPolicyException : Exception
{
    public ExportNetworkPolicyException(string message)
        : base(message)
    {
    }

    public ExportNetworkPolicyException()
    {
    }

    public ExportNetworkPolicyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
