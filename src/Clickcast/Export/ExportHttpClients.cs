namespace Clickcast.Export;

/// <summary>Names of the <see cref="System.Net.Http.IHttpClientFactory"/> clients export sends with, each with the standard resilience handler.</summary>
public static class ExportHttpClients
{
    /// <summary>The webhook client: signs each attempt (see docs/export.md).</summary>
    public const string Webhook = "Clickcast.Export.Webhook";

    /// <summary>The CleverData Join client.</summary>
    public const string Join = "Clickcast.Export.Join";
}
