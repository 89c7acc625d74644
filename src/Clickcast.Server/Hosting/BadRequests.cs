using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Clickcast.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Clickcast.Server.Hosting;

/// <summary>
/// Says what is wrong with a request the framework could not bind: the JSON path and problem of a body, or the
/// parameter, its value and what it takes (the names of an enum).
/// </summary>
internal static partial class BadRequests
{
    public static (string Detail, Dictionary<string, object?> Extensions) Describe(HttpContext context, BadHttpRequestException exception)
    {
        for (Exception? inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException json)
            {
                var path = json.Path ?? "$";
                var where = json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})" : string.Empty;
                return ($"The request body is not valid at {path}{where}: {WithoutPosition(json.Message)}", new() { ["path"] = path });
            }
        }

        var failure = BindFailure().Match(exception.Message);
        if (!failure.Success)
        {
            return (exception.Message, []);
        }

        var name = failure.Groups["name"].Value;
        var value = failure.Groups["value"].Value;
        // The exception handler has cleared the endpoint and route values by now; its feature keeps the originals.
        var failed = context.Features.Get<IExceptionHandlerFeature>();
        var endpoint = failed?.Endpoint ?? context.GetEndpoint();
        var parameter = endpoint?.Metadata.GetMetadata<MethodInfo>()?.GetParameters().FirstOrDefault(p => p.Name == name);
        var type = parameter is null ? Named(failure.Groups["type"].Value) : Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        var source = failed?.RouteValues?.ContainsKey(name) == true ? "Route value" : context.Request.Query.ContainsKey(name) ? "Query parameter" : "Parameter";
        var extensions = new Dictionary<string, object?> { ["parameter"] = name, ["value"] = value };
        if (type is { IsEnum: true })
        {
            extensions["allowed"] = Enum.GetNames(type);
        }

        return ($"{source} '{name}' is '{value}': expected {Expected(type)}.", extensions);
    }

    // The framework's message names the type as declared ("JobStatus?"): found among Clickcast's enums when the endpoint is not known.
    private static Type? Named(string declared)
    {
        var name = declared.TrimEnd('?');
        return AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("Clickcast", StringComparison.Ordinal) == true)
            .SelectMany(a => a.GetExportedTypes())
            .FirstOrDefault(t => t.IsEnum && t.Name == name);
    }

    private static string Expected(Type? type) => type switch
    {
        null => "another value",
        { IsEnum: true } => "one of " + string.Join(", ", Enum.GetNames(type)),
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ when type == typeof(double) => "a number",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "a date and time, ISO 8601 (2026-11-01T00:00:00Z)",
        _ when type == typeof(TimeSpan) => Duration.Expected,
        _ => "a " + type.Name,
    };

    // System.Text.Json appends " Path: $.x | LineNumber: 0 | BytePositionInLine: 7." to its own messages; the detail says where already.
    private static string WithoutPosition(string message) =>
        message.IndexOf(" Path: ", StringComparison.Ordinal) is var at and > 0 ? message[..at] : message;

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]*?) (?<name>[^" ]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailure();
}
