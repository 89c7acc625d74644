using System.Text.RegularExpressions;
using Clickcast.Tenants.Audit;

namespace Clickcast.Server.Audit;

/// <summary>How an API call is named and judged in the audit log: pure functions.</summary>
internal static partial class AuditAction
{
    /// <summary>
    /// The method and route, without <c>/api</c>, the tenant segment (the entry has its own tenant) or route
    /// constraints: <c>POST /api/tenants/{tenant}/tasks/{task}/models/{version:int}/promote</c> is
    /// <c>POST tasks/{task}/models/{version}/promote</c>.
    /// </summary>
    public static string Name(string method, string? routePattern)
    {
        var route = Constraint().Replace(routePattern ?? "?", "{$1}");
        route = route.StartsWith("/api", StringComparison.Ordinal) ? route[4..] : route;
        if (route.StartsWith("/tenants/{tenant}/", StringComparison.Ordinal))
        {
            route = route["/tenants/{tenant}".Length..];
        }

        return method + " " + route.Trim('/');
    }

    /// <summary>2xx succeeded, 4xx (and a closed connection) refused, anything else failed.</summary>
    public static AuditOutcome Outcome(int status) => status switch
    {
        >= 200 and < 300 => AuditOutcome.Succeeded,
        >= 400 and < 500 => AuditOutcome.Refused,
        _ => AuditOutcome.Failed,
    };

    /// <summary>The status an exception becomes (as ProblemExceptionHandler answers it) and what the log keeps of it.</summary>
    public static (int Status, string Detail) OfException(Exception exception) => exception switch
    {
        Microsoft.AspNetCore.Http.BadHttpRequestException bad => (bad.StatusCode, bad.Message),
        ArgumentException argument => (400, argument.Message),
        InvalidOperationException conflict => (409, conflict.Message),
        _ => (500, "unexpected error: " + exception.GetType().Name),
    };

    [GeneratedRegex(@"\{\**([A-Za-z_][A-Za-z0-9_]*)(?::[^}]*)?\}")]
    private static partial Regex Constraint();
}
