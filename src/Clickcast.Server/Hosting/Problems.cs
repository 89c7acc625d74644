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

    /// <summary>A definition's problems by path (<c>tasks[0].target</c>), as a validation problem.</summary>
    public static ProblemHttpResult Invalid(string what, IReadOnlyList<string> problems) => TypedResults.Problem(
        $"The {what} is not valid: {string.Join("; ", problems)}",
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid definition",
        extensions: new Dictionary<string, object?> { ["problems"] = problems });
}
