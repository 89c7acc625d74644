using Clickcast.Tenants;
using Microsoft.AspNetCore.DataProtection;

namespace Clickcast.Server.Security;

/// <summary>Encrypts task secrets with ASP.NET Core Data Protection (key ring under the data folder, <c>keys/</c>).</summary>
internal sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("Clickcast.TaskSecrets.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
