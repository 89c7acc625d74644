using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Clickcast.Server.Hosting;

/// <summary>Declares the API key in the OpenAPI document, so the interactive reference can send it.</summary>
internal sealed class ApiKeySecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info.Title = "Clickcast API";
        document.Info.Description = "The control plane of Clickcast: tenants, tasks, uploads, runs, models, predictions, exports. Send a key as 'Authorization: Bearer ck_…' or 'X-Api-Key: ck_…'.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An admin key or a tenant key (ck_…).",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] });
        return Task.CompletedTask;
    }
}
