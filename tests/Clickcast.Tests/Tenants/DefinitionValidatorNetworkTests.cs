using Clickcast.Export;
using Clickcast.Tenants;

namespace Clickcast.Tests.Tenants;

/// <summary>Issue 11 H2 at save time: destination URLs that point into internal networks are refused by path.</summary>
public sealed class DefinitionValidatorNetworkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TaskDefinition Definition(params ExportDestinationOptions[] exports) => new() { Id = "buy-7d", Target = { EventType = "purchase" }, Exports = exports };

    private static ExportDestinationOptions Webhook(string url) => new() { Name = "crm", Kind = ExportDestinationKind.Webhook, Webhook = { Url = url, Secret = "whsec-0123456789abcdef" } };

    private static ExportDestinationOptions Join(string baseUrl, string fileManagerUrl = "") => new()
    {
        Name = "join",
        Kind = ExportDestinationKind.CleverDataJoin,
        Join = { BaseUrl = baseUrl, FileManagerUrl = fileManagerUrl, Adapter = "a", Instance = 1, Token = "t", OnBehalfOf = "cid-1" },
    };

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/hook")]
    public async Task ValidateNetworkAsync_WebhookOnANonPublicAddress_NamesTheField(string url)
    {
        var problems = await DefinitionValidator.ValidateNetworkAsync(Definition(Webhook(url)), new ExportNetworkPolicy([]), Ct);

        Assert.StartsWith("exports[0].webhook.url:", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateNetworkAsync_JoinFileManagerOnMetadataAddress_NamesTheField()
    {
        var tenant = new TenantDefinition { Id = "acme", Tasks = [Definition(Webhook("https://93.184.216.34/hook"), Join("https://93.184.216.34/api", "http://169.254.169.254/files"))] };

        var problems = await DefinitionValidator.ValidateNetworkAsync(tenant, new ExportNetworkPolicy([]), Ct);

        Assert.Equal(["tasks[0].exports[1].join.fileManagerUrl"], problems.Select(p => p[..p.IndexOf(':', StringComparison.Ordinal)]));
    }

    [Fact]
    public async Task ValidateNetworkAsync_AllowListedLoopback_IsFine()
    {
        var problems = await DefinitionValidator.ValidateNetworkAsync(Definition(Webhook("http://127.0.0.1:8080/hook"), Join("http://127.0.0.1:9000/api")), new ExportNetworkPolicy(["127.0.0.0/8"]), Ct);

        Assert.Empty(problems);
    }

    [Fact]
    public void Validate_FileManagerUrlNotHttp_NamesTheField()
    {
        var problems = DefinitionValidator.Validate(Definition(Join("https://cdp.example.com/api", "file:///etc/passwd")));

        Assert.Contains(problems, p => p.StartsWith("exports[0].join.fileManagerUrl:", StringComparison.Ordinal));
    }
}
