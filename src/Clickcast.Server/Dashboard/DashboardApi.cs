using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Clickcast.Server.Dashboard;

/// <summary>
/// The dashboard: static HTML, JavaScript and CSS embedded in this assembly, served at <c>/dashboard/</c>. The pages
/// fetch the JSON API with the key the user enters (kept in the tab's sessionStorage) and draw their charts as SVG.
/// </summary>
public static class DashboardApi
{
    private static readonly ConcurrentDictionary<string, byte[]?> Files = new(StringComparer.Ordinal);

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => TypedResults.Redirect("/dashboard/")).ExcludeFromDescription().AllowAnonymous();
        app.MapGet("/dashboard/{*file}", Serve).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    private static IResult Serve(string? file, HttpContext http)
    {
        var name = string.IsNullOrEmpty(file) ? "index.html" : file;
        if (name.Contains('/', StringComparison.Ordinal) || name.Contains("..", StringComparison.Ordinal))
        {
            return TypedResults.NotFound();
        }

        var bytes = Files.GetOrAdd(name, static n =>
        {
            using var stream = typeof(DashboardApi).Assembly.GetManifestResourceStream("Clickcast.Server.Dashboard." + n);
            if (stream is null)
            {
                return null;
            }

            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
        if (bytes is null)
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
}
