namespace Clickcast.Tenants;

/// <summary>The default without a host's protector: secrets are stored as given (tests, libraries).</summary>
internal sealed class PlaintextSecretProtector : ISecretProtector
{
    public string Protect(string secret) => secret;

    public string Unprotect(string protectedSecret) => protectedSecret;
}
