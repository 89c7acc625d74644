using Clickcast.Export;
using Clickcast.Tenants;

namespace Clickcast.Tests.Tenants;

/// <summary>Issue 11 M1: a stored secret goes only to the URL it was set for.</summary>
public sealed class DefinitionSecretsTests
{
    private const string Secret = "whsec-stored-0123456789";
    private const string Token = "join-token-stored-0123";

    private static TaskDefinition Definition(string webhookUrl, string joinUrl, string secret, string token, string fileManagerUrl = "") => new()
    {
        Id = "buy-7d",
        Target = { EventType = "purchase" },
        Exports =
        [
            new ExportDestinationOptions { Name = "crm", Kind = ExportDestinationKind.Webhook, Webhook = { Url = webhookUrl, Secret = secret } },
            new ExportDestinationOptions
            {
                Name = "join",
                Kind = ExportDestinationKind.CleverDataJoin,
                Join = { BaseUrl = joinUrl, FileManagerUrl = fileManagerUrl, Adapter = "a", Instance = 1, Token = token, OnBehalfOf = "cid-1" },
            },
        ],
    };

    private static readonly TaskDefinition Stored = Definition("https://crm.example.com/hook", "https://cdp.example.com/api", Secret, Token);

    [Fact]
    public void KeepUnchanged_SameUrlsWithMask_KeepsTheStoredSecrets()
    {
        var kept = DefinitionSecrets.KeepUnchanged(Definition("https://crm.example.com/hook", "https://cdp.example.com/api", DefinitionSecrets.Mask, DefinitionSecrets.Mask), Stored, out var problems);

        Assert.Empty(problems);
        Assert.Equal((Secret, Token), (kept.Exports[0].Webhook.Secret, kept.Exports[1].Join.Token));
    }

    [Fact]
    public void KeepUnchanged_JoinHostChangedWithMask_DropsTheTokenAndNamesTheField()
    {
        var kept = DefinitionSecrets.KeepUnchanged(Definition("https://crm.example.com/hook", "https://attacker.example.net/api", DefinitionSecrets.Mask, DefinitionSecrets.Mask), Stored, out var problems);

        Assert.Equal(string.Empty, kept.Exports[1].Join.Token);
        Assert.Equal(Secret, kept.Exports[0].Webhook.Secret);
        Assert.StartsWith("exports[1].join.token:", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void KeepUnchanged_JoinFileManagerUrlChangedWithMask_DropsTheToken()
    {
        var kept = DefinitionSecrets.KeepUnchanged(
            Definition("https://crm.example.com/hook", "https://cdp.example.com/api", DefinitionSecrets.Mask, string.Empty, fileManagerUrl: "https://files.attacker.example.net/up"), Stored, out var problems);

        Assert.Equal(string.Empty, kept.Exports[1].Join.Token);
        Assert.StartsWith("exports[1].join.token:", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void KeepUnchanged_WebhookUrlChangedWithMask_DropsTheSecretAndNamesTheField()
    {
        var kept = DefinitionSecrets.KeepUnchanged(Definition("https://crm.example.com/other-hook", "https://cdp.example.com/api", DefinitionSecrets.Mask, DefinitionSecrets.Mask), Stored, out var problems);

        Assert.Equal(string.Empty, kept.Exports[0].Webhook.Secret);
        Assert.StartsWith("exports[0].webhook.secret:", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void KeepUnchanged_UrlChangedWithNewSecret_TakesTheNewSecret()
    {
        var kept = DefinitionSecrets.KeepUnchanged(Definition("https://crm2.example.com/hook", "https://cdp2.example.com/api", "whsec-new-0123456789ab", "join-token-new"), Stored, out var problems);

        Assert.Empty(problems);
        Assert.Equal(("whsec-new-0123456789ab", "join-token-new"), (kept.Exports[0].Webhook.Secret, kept.Exports[1].Join.Token));
    }

    [Fact]
    public void KeepUnchanged_WithoutProblemsOverload_NeverSendsTheStoredTokenToANewHost()
    {
        var kept = DefinitionSecrets.KeepUnchanged(Definition("https://crm.example.com/hook", "https://attacker.example.net/api", DefinitionSecrets.Mask, DefinitionSecrets.Mask), Stored);

        Assert.NotEqual(Token, kept.Exports[1].Join.Token);
        Assert.Contains(DefinitionValidator.Validate(kept), p => p.StartsWith("exports[1].join.token:", StringComparison.Ordinal));
    }
}
