using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clickcast.Server.Hosting;

/// <summary>ProblemDetails results with a message a user can act on.</summary>
internal static class Problems
{
    public static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static ProblemHttpResult Conflict(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static ProblemHttpResult BadRequest(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");

    public static ProblemHttpResult TooLarge(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large");

    /// <summary>
    /// A tenant's stored-bytes quota would be passed (507, as WebDAV quotas answer, RFC 4331): the figures are also
    /// extensions, so a client can show them without parsing the text.
    /// </summary>
    public static ProblemHttpResult OverQuota(string detail, string setting, long storedBytes, long uploadBytes, long maxStoredBytes) => TypedResults.Problem(
        detail,
        statusCode: StatusCodes.Status507InsufficientStorage,
        title: "Storage quota exceeded",
        extensions: new Dictionary<string, object?> { ["setting"] = setting, ["storedBytes"] = storedBytes, ["uploadBytes"] = uploadBytes, ["maxStoredBytes"] = maxStoredBytes });

    /// <summary>A definition's problems by path (<c>tasks[0].target</c>), as a validation problem.</summary>
    public static ProblemHttpResult Invalid(string what, IReadOnlyList<string> problems) => TypedResults.Problem(
        $"The {what} is not valid: {string.Join("; ", problems)}",
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid definition",
        extensions: new Dictionary<string, object?> { ["problems"] = problems });
}
