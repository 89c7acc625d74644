using System.Diagnostics;
using System.Text.Encodings.Web;
using Clickcast.Diagnostics;
using Clickcast.Tenants.Keys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clickcast.Server.Security;

/// <summary>
/// Authenticates a request by its API key, sent as <c>Authorization: Bearer ck_…</c> or <c>X-Api-Key: ck_…</c>.
/// Only the key's prefix is ever logged.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, ApiKeyStore keys, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    /// <summary>The key a request presents, or null.</summary>
    public static string? Presented(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.TryGetValue(HeaderName, out var header) && header.Count > 0 && !string.IsNullOrWhiteSpace(header[0]))
        {
            return header[0]!.Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var started = Stopwatch.GetTimestamp();
        var key = await keys.AuthenticateAsync(presented, Context.RequestAborted).ConfigureAwait(false);
        ClickcastMetrics.ApiStage(ApiStage.Auth, started);
        if (key is null)
        {
            Log.KeyRejected(Logger, ApiKeyStore.IsWellFormed(presented) ? presented[..11] : "(malformed)", Request.Path);
            return AuthenticateResult.Fail("The API key is unknown, malformed or revoked.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(Caller.Principal(key, SchemeName), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "API key required",
                Detail = Request.Headers.Authorization.Count > 0 || Request.Headers.ContainsKey(HeaderName)
                    ? "The API key is unknown, malformed or revoked: ask an administrator for a new one."
                    : "Send an API key as 'Authorization: Bearer ck_…' or 'X-Api-Key: ck_…'.",
            },
        }).ConfigureAwait(false);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = "This needs an admin key." },
        }).ConfigureAwait(false);
    }
}
