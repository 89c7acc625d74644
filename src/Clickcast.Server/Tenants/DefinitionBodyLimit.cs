using Clickcast.Tenants;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Clickcast.Server.Tenants;

/// <summary>
/// Endpoint metadata and middleware: a request that carries a definition may have at most
/// <see cref="TenantLimits.MaxDefinitionBytes"/> of body — 413 at once for a larger Content-Length, and Kestrel stops
/// reading a chunked body at the limit (413 too), so a huge definition is never buffered.
/// </summary>
internal sealed class DefinitionBodyLimit
{
    /// <summary>Marks an endpoint whose body is a definition.</summary>
    public static readonly DefinitionBodyLimit Marker = new();

    private DefinitionBodyLimit()
    {
    }

    public static async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(next);
        if (http.GetEndpoint()?.Metadata.GetMetadata<DefinitionBodyLimit>() is null)
        {
            await next(http).ConfigureAwait(false);
            return;
        }

        var limit = http.RequestServices.GetRequiredService<IOptions<TenantLimits>>().Value.MaxDefinitionBytes;
        if (http.Request.ContentLength > limit)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "Too large",
                    Detail = $"The definition has {http.Request.ContentLength} bytes; the operator's limit is {limit} (Limits:MaxDefinitionBytes).",
                },
            }).ConfigureAwait(false);
            return;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        await next(http).ConfigureAwait(false);
    }
}
