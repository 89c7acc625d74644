using Clickcast.Server.Hosting;
using Microsoft.AspNetCore.Http;

namespace Clickcast.Server.Security;

/// <summary>
/// Guards every <c>/api/…</c> endpoint by the caller's key scope (<see cref="AllowedScopes"/>): an upload key only
/// uploads, a read key only reads, keys and definitions need a tenant admin. Refusals are 403 with the reason.
/// </summary>
internal sealed class KeyScopeFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var allowed = http.GetEndpoint()?.Metadata.GetMetadata<AllowedScopes>()
            ?? (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) ? AllowedScopes.Reading : AllowedScopes.Managing);
        var caller = Caller.From(http.User);
        if (!allowed.Scopes.Contains(caller.Scope))
        {
            return Problems.Forbidden($"This is a '{caller.Scope}' key; {http.Request.Method} {http.Request.Path} needs a key of scope {string.Join(" or ", allowed.Scopes.Select(s => $"'{s}'"))}.");
        }

        return await next(context).ConfigureAwait(false);
    }
}
