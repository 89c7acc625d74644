using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Clickcast.Server.Hosting;

/// <summary>
/// Lists the error answers of every API operation in the OpenAPI document: 400, 401, 403, 404, 409 and 429 (every
/// API route is rate-limited), and 413 where the operation takes a body; each a ProblemDetails
/// (<c>application/problem+json</c>) with a <c>detail</c> that says what and where.
/// </summary>
internal sealed class ProblemResponsesTransformer : IOpenApiDocumentTransformer
{
    private static readonly (string Status, string Description)[] Errors =
    [
        ("400", "Invalid request: the detail names the parameter or JSON path, the value, and what is expected (valid names for an enum)."),
        ("401", "No key, or a key that is unknown or revoked."),
        ("403", "The key may not do this (another tenant's data, or an admin-only action)."),
        ("404", "No such tenant, task, run, model version or key."),
        ("409", "Not possible in the current state (e.g. retrying a run that is not dead-lettered or cancelled)."),
        ("429", "Too many requests from this tenant (rate limit or job quota); Retry-After says when to try again."),
    ];

    private static readonly (string Status, string Description) TooLarge =
        ("413", "The body is larger than this operation accepts (the detail names the limit).");

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(nameof(ProblemDetails)))
        {
            document.Components.Schemas[nameof(ProblemDetails)] = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        foreach (var (path, item) in document.Paths)
        {
            if (!path.StartsWith("/api/", StringComparison.Ordinal) || item.Operations is null)
            {
                continue;
            }

            foreach (var operation in item.Operations.Values)
            {
                operation.Responses ??= [];
                foreach (var (status, description) in operation.RequestBody is null ? Errors : [.. Errors, TooLarge])
                {
                    operation.Responses.TryAdd(status, new OpenApiResponse
                    {
                        Description = description,
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(nameof(ProblemDetails), document) },
                        },
                    });
                }
            }
        }
    }
}
