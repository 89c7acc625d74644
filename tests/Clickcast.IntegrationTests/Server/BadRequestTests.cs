using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Clickcast.IntegrationTests.Support;

namespace Clickcast.IntegrationTests.Server;

/// <summary>Every 400 says what and where; the OpenAPI document lists the error answers.</summary>
public sealed class BadRequestTests(DemoServer demo)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_MalformedJson_SaysWhereTheJsonBreaks()
    {
        var problem = await PostAsync("api/tenants/shop/backfills", """{"from": "2026-11-01T00:00:00Z", "to": }""");

        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("The request body is not valid at $.to (line 1, byte ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("$.to", problem.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Post_EnumTypo_QuotesTheValueAndListsTheNames()
    {
        var problem = await PostAsync("api/tenants/shop/backfills", """{"from": "2026-11-01T00:00:00Z", "to": "2026-12-01T00:00:00Z", "policy": "RedoFaild"}""");

        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("$.policy", detail, StringComparison.Ordinal);
        Assert.Contains("'RedoFaild' is not one of SkipCompleted, RedoFailed, RedoAll", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_BadDuration_QuotesTheValueAndTheFormats()
    {
        var problem = await PostAsync("api/tenants/shop/tasks", """{"id": "late", "attribute": "late", "target": {"urlPattern": "shop.example.com/x"}, "labeling": {"horizon": "7x"}}""");

        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("$.labeling.horizon", detail, StringComparison.Ordinal);
        Assert.Contains("'7x' is not a duration", detail, StringComparison.Ordinal);
        Assert.Contains("7d", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_StatusTypoInQuery_NamesTheParameterAndTheValidNames()
    {
        using var client = demo.Host.Client(demo.ShopKey);

        using var response = await client.GetAsync(new Uri("api/tenants/shop/runs?status=Foo", UriKind.Relative), Token);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Query parameter 'status' is 'Foo': expected one of Queued, Running, Succeeded, DeadLettered, Cancelled.", problem.GetProperty("detail").GetString());
        Assert.Equal(["Queued", "Running", "Succeeded", "DeadLettered", "Cancelled"], problem.GetProperty("allowed").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task PostTenant_HorizonAsDays_IsReadAndStoredAsATimeSpan()
    {
        await using var host = await ServerHost.StartAsync();
        using var admin = host.Client(ServerHost.AdminKey);
        using var body = new StringContent("""{"id": "acme", "tasks": [{"id": "buy", "attribute": "buy", "target": {"urlPattern": "acme.example.com/checkout"}, "labeling": {"horizon": "7d"}}]}""", Encoding.UTF8, "application/json");

        using var created = await admin.PostAsync(new Uri("api/tenants?key=false", UriKind.Relative), body, Token);
        var task = await admin.GetFromJsonAsync<JsonElement>(new Uri("api/tenants/acme/tasks/buy", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("7.00:00:00", task.GetProperty("definition").GetProperty("labeling").GetProperty("horizon").GetString());
    }

    [Fact]
    public async Task OpenApi_EveryApiOperation_ListsTheErrorAnswersAsProblemDetails()
    {
        using var client = demo.Host.Client();

        var document = await client.GetFromJsonAsync<JsonElement>(new Uri("openapi/v1.json", UriKind.Relative), Token);

        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("ProblemDetails", out _));
        var operations = 0;
        var withBody = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete"))
            {
                operations++;
                var responses = operation.Value.GetProperty("responses");
                var hasBody = operation.Value.TryGetProperty("requestBody", out _);
                withBody += hasBody ? 1 : 0;
                foreach (var status in hasBody ? new[] { "400", "401", "403", "404", "409", "413", "429" } : ["400", "401", "403", "404", "409", "429"])
                {
                    Assert.True(responses.TryGetProperty(status, out var response), $"{operation.Name} {path.Name} does not list {status}");
                    Assert.Equal("#/components/schemas/ProblemDetails", response.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
                }
            }
        }

        Assert.True(operations > 30, $"only {operations} API operations in the document");
        Assert.True(withBody > 5, $"only {withBody} API operations with a body in the document");
    }

    private async Task<JsonElement> PostAsync(string path, string json)
    {
        using var client = demo.Host.Client(demo.ShopKey);
        using var body = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), body, Token);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Token);
    }
}
