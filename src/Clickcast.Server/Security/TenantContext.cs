using Clickcast.Tenants;
using Microsoft.AspNetCore.Http;

namespace Clickcast.Server.Security;

/// <summary>The tenant definition <see cref="TenantAccessFilter"/> loaded for this request (secrets decrypted: never return it as is).</summary>
internal static class TenantContext
{
    private static readonly object Key = new();

    public static void Set(HttpContext http, TenantDefinition tenant) => http.Items[Key] = tenant;

    public static TenantDefinition Get(HttpContext http) =>
        http.Items[Key] as TenantDefinition ?? throw new InvalidOperationException("The endpoint is not behind the tenant access filter.");
}
