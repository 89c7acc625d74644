using Clickcast.Export;
using Clickcast.Server.Hosting;
using Clickcast.Server.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clickcast.Server.Exports;

/// <summary>Where a task's scores go and how each delivery stands.</summary>
public static class ExportsApi
{
    public static IEndpointRouteBuilder MapExportsApi(this IEndpointRouteBuilder app)
    {
        var exports = app.TenantApi("/tasks/{task}/exports", "Exports");
        exports.MapGet("", ListAsync)
            .WithSummary("The task's destinations and deliveries: batches delivered, failed or in flight, rows, attempts, last error.");
        exports.MapPost("/{destination}/secret/rotate", SecretRotation.RotateAsync)
            .WithSummary("Generates a new signing secret for a webhook destination (tenant admin), returned once and stored encrypted; 409 for other kinds (a Join token comes from the CDP) or when the definition changed meanwhile.");
        return app;
    }

    private static async Task<Results<Ok<ExportsView>, ProblemHttpResult>> ListAsync(string tenant, string task, HttpContext http, DeliveryHistory history, CancellationToken cancellationToken)
    {
        if (TasksApi.Find(http, task) is not { } definition)
        {
            return TasksApi.NoTask(tenant, task);
        }

        var destinations = definition.Exports.Select(d => new DestinationView(
            d.Name,
            d.Kind,
            string.IsNullOrEmpty(d.Attribute) ? task : d.Attribute,
            d.Kind switch
            {
                ExportDestinationKind.Webhook => d.Webhook.Url,
                ExportDestinationKind.CleverDataJoin => d.Join.BaseUrl,
                _ => d.Files.Formats.ToString(),
            })).ToList();
        return TypedResults.Ok(new ExportsView(destinations, await history.ListAsync(tenant, task, cancellationToken).ConfigureAwait(false)));
    }
}
