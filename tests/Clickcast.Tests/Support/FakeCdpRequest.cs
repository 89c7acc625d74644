namespace Clickcast.Tests.Support;

/// <summary>One request as <see cref="FakeCdp"/> received it, with what it answered (0 when it hung or dropped).</summary>
public sealed record FakeCdpRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, int Status);
