using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Clickcast.Server.Dashboard;

/// <summary>
/// The dashboard: static HTML, JavaScript and CSS embedded in this assembly, served at <c>/dashboard/</c>. The pages
/// fetch the JSON API with the key the user enters (kept in the tab's sessionStorage) and draw their charts as SVG.
/// The assets are read once, by their real names, so a request for any other name is a 404 that keeps nothing;
/// every answer carries the headers of <see cref="SecurityHeaders"/>.
/// </summary>
public static class DashboardApi
{
    private const string ResourcePrefix = "Clickcast.Server.Dashboard.";

    /// <summary>Content-Security-Policy: scripts, styles and API calls from this server only; never framed.</summary>
    internal const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; "
        + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Lazy<FrozenDictionary<string, byte[]>> Assets = new(Load);

    /// <summary>The names the dashboard serves (its embedded assets, nothing else).</summary>
    internal static IReadOnlyCollection<string> AssetNames => Assets.Value.Keys;

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext http) =>
        {
            SecurityHeaders(http.Response);
            return TypedResults.Redirect("/dashboard/");
        }).ExcludeFromDescription().AllowAnonymous();
        app.MapGet("/dashboard/{*file}", Serve).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    /// <summary>CSP, no framing, no MIME sniffing, no referrer beyond this origin.</summary>
    internal static void SecurityHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XFrameOptions = "DENY";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "same-origin";
        response.Headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }

    private static IResult Serve(string? file, HttpContext http)
    {
        SecurityHeaders(http.Response);
        var name = string.IsNullOrEmpty(file) ? "index.html" : file;
        if (!Assets.Value.TryGetValue(name, out var bytes))
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.CacheControl = "no-cache";
        var type = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".svg" => "image/svg+xml",
            _ => "application/octet-stream",
        };
        return TypedResults.Bytes(bytes, type);
    }

    private static FrozenDictionary<string, byte[]> Load()
    {
        var assembly = typeof(DashboardApi).Assembly;
        var assets = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            assets[resource[ResourcePrefix.Length..]] = copy.ToArray();
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
