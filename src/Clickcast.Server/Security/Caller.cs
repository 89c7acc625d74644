using System.Globalization;
using System.Security.Claims;
using Clickcast.Tenants.Keys;

namespace Clickcast.Server.Security;

/// <summary>Who is calling: the key that authenticated the request, as claims turned back into a value.</summary>
/// <param name="KeyId">The key's id.</param>
/// <param name="Prefix">The key's prefix (safe to show).</param>
/// <param name="Scope">Admin or tenant.</param>
/// <param name="Tenant">The tenant of a tenant key.</param>
internal sealed record Caller(long KeyId, string Prefix, ApiKeyScope Scope, string? Tenant)
{
    public const string KeyIdClaim = "clickcast:key";
    public const string PrefixClaim = "clickcast:prefix";
    public const string ScopeClaim = "clickcast:scope";
    public const string TenantClaim = "clickcast:tenant";

    /// <summary>How the registry and the queue record who acted.</summary>
    public string Actor => string.Create(CultureInfo.InvariantCulture, $"key:{KeyId}");

    public bool IsAdmin => Scope == ApiKeyScope.Admin;

    public bool CanAccess(string tenant) => IsAdmin || string.Equals(Tenant, tenant, StringComparison.Ordinal);

    public static Caller From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new Caller(
            long.Parse(user.FindFirstValue(KeyIdClaim) ?? "0", CultureInfo.InvariantCulture),
            user.FindFirstValue(PrefixClaim) ?? string.Empty,
            Enum.Parse<ApiKeyScope>(user.FindFirstValue(ScopeClaim) ?? nameof(ApiKeyScope.Tenant)),
            user.FindFirstValue(TenantClaim));
    }

    public static ClaimsPrincipal Principal(ApiKey key, string scheme)
    {
        ArgumentNullException.ThrowIfNull(key);
        var claims = new List<Claim>
        {
            new(KeyIdClaim, key.Id.ToString(CultureInfo.InvariantCulture)),
            new(PrefixClaim, key.Prefix),
            new(ScopeClaim, key.Scope.ToString()),
            new(ClaimTypes.Name, key.Prefix),
        };
        if (key.Tenant is not null)
        {
            claims.Add(new Claim(TenantClaim, key.Tenant));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
