namespace Clickcast.Tenants;

/// <summary>
/// Encrypts the secrets inside task definitions (webhook secrets, CDP tokens) before they are stored, and decrypts
/// them for the steps that use them. Hosts register one backed by ASP.NET Core Data Protection; without one, the
/// domain stores secrets as they are.
/// </summary>
public interface ISecretProtector
{
    /// <summary>The stored form of <paramref name="secret"/>.</summary>
    string Protect(string secret);

    /// <summary>The secret behind a stored form <see cref="Protect"/> made.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The value was not protected with this key ring.</exception>
    string Unprotect(string protectedSecret);
}
