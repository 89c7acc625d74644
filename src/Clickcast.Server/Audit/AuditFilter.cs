using Clickcast.Server.Security;
using Clickcast.Tenants.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clickcast.Server.Audit;

/// <summary>
/// Writes an <see cref="AuditLog"/> entry for every state-changing call of the API (any method but GET and HEAD,
/// except endpoints marked <see cref="NotAudited"/>), refusals by key scope included: it runs outside every other filter.
/// A failure to write the entry is logged and never changes the answer.
/// </summary>
internal sealed class AuditFilter(AuditLog log, ILogger<AuditFilter> logger) : IEndpointFilter
{
    /// <summary>Endpoint metadata: a POST that changes nothing (real-time scoring), so it is not audited.</summary>
    public static readonly object NotAudited = new NotAuditedMarker();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var endpoint = http.GetEndpoint();
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || endpoint?.Metadata.GetMetadata<NotAuditedMarker>() is not null)
        {
            return await next(context).ConfigureAwait(false);
        }

        object? result;
        try
        {
            result = await next(context).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var (status, detail) = AuditAction.OfException(ex);
            await WriteAsync(http, endpoint, status, detail).ConfigureAwait(false);
            throw;
        }

        // A handler's Results<A, B> union wraps the result it answered: judge that one (a 404 or a 204 inside it).
        var answer = result;
        while (answer is INestedHttpResult nested)
        {
            answer = nested.Result;
        }

        var (answered, problem) = answer switch
        {
            IStatusCodeHttpResult { StatusCode: { } code } and Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult p => (code, p.ProblemDetails.Detail),
            IStatusCodeHttpResult { StatusCode: { } code } => (code, null),
            _ => (StatusCodes.Status200OK, null),
        };
        await WriteAsync(http, endpoint, answered, problem).ConfigureAwait(false);
        return result;
    }

    private async Task WriteAsync(HttpContext http, Endpoint? endpoint, int status, string? detail)
    {
        var caller = Caller.From(http.User);
        var tenant = http.GetRouteValue("tenant") as string ?? caller.Tenant;
        var action = AuditAction.Name(http.Request.Method, (endpoint as RouteEndpoint)?.RoutePattern.RawText);
        var outcome = AuditAction.Outcome(status);
        try
        {
            // Recorded even when the caller hung up: the action may have happened.
            await log.RecordAsync(caller.KeyId, caller.Prefix, tenant, action, http.Request.Path.Value ?? "", outcome, status,
                outcome == AuditOutcome.Succeeded ? null : detail, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.AuditWriteFailed(logger, action, tenant, ex);
        }
    }

    private sealed class NotAuditedMarker;
}
