using Microsoft.AspNetCore.Builder;

namespace Clickcast.Server.Security;

/// <summary>Declares which key scopes an endpoint or group accepts.</summary>
internal static class AllowedScopesExtensions
{
    public static TBuilder Allow<TBuilder>(this TBuilder builder, AllowedScopes scopes)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(scopes);
}
