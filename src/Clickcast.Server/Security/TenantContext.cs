using Clickcast.Tenants;
using Microsoft.AspNetCore.Http;

namespace Clickcast.Server.Security;

/// <summary>
/// The tenant definition <see cref="TenantAccessFilter"/> loaded for this request (secrets decrypted: never return it
/// as is), with the version it was read at: edits save only if it is still the current one.
/// </summary>
internal static class TenantContext
{
    private static readonly object Key = new();

    public static void Set(HttpContext http, TenantDefinition tenant, int version) => http.Items[Key] = (tenant, version);

    public static TenantDefinition Get(HttpContext http) => Entry(http).Tenant;

    public static int Version(HttpContext http) => Entry(http).Version;

    private static (TenantDefinition Tenant, int Version) Entry(HttpContext http) =>
        http.Items[Key] is ValueTuple<TenantDefinition, int> entry ? entry : throw new InvalidOperationException("The endpoint is not behind the tenant access filter.");
}
