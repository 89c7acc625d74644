namespace Clickcast.Tenants.Keys;

/// <summary>A key just issued: the only moment its secret exists outside the caller's hands.</summary>
/// <param name="Key">What the store keeps.</param>
/// <param name="Secret">The key to send (<c>Authorization: Bearer …</c>); shown once, never stored.</param>
public sealed record IssuedApiKey(ApiKey Key, string Secret)
{
    /// <summary>Leaves the secret out, so logging or printing the record cannot leak it.</summary>
    public override string ToString() => $"IssuedApiKey {{ Key = {Key} }}";
}
