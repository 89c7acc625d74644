using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clickcast.Server.Hosting;

/// <summary>
/// Turns exceptions into ProblemDetails: a request the framework could not bind says what and where
/// (<see cref="BadRequests"/>), the domain's argument errors are the caller's to fix (400, with the
/// domain's message), a registry or queue refusing a state change is a conflict (409), anything else is ours (500,
/// without internals).
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var extensions = new Dictionary<string, object?>();
        var (status, title, detail) = exception switch
        {
            // An unknown key: name the valid keys where it stands (the general description below says only where).
            BadHttpRequestException { InnerException: System.Text.Json.JsonException json } bad
                when json.Message.Contains("could not be mapped", StringComparison.Ordinal)
                && (httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint())?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType is { } body
                => (bad.StatusCode, "Invalid request body", Clickcast.Tenants.DefinitionJson.Describe(json, body, httpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions)),
            BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status400BadRequest => Describe(httpContext, bad, extensions),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            ArgumentException argument => (StatusCodes.Status400BadRequest, "Invalid request", argument.Message),
            InvalidOperationException conflict => (StatusCodes.Status409Conflict, "Not possible now", conflict.Message),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client closed the request", "The request was cancelled."),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error", "The server failed to handle the request; the server log has the details (look for this trace id)."),
        };
        if (status >= 500)
        {
            Log.Unhandled(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail, Extensions = extensions },
        }).ConfigureAwait(false);
    }

    private static (int Status, string Title, string Detail) Describe(HttpContext context, BadHttpRequestException bad, Dictionary<string, object?> extensions)
    {
        var (detail, more) = BadRequests.Describe(context, bad);
        foreach (var (key, value) in more)
        {
            extensions[key] = value;
        }

        return (bad.StatusCode, "Invalid request", detail);
    }
}
