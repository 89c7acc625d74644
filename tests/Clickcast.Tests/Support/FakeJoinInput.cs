namespace Clickcast.Tests.Support;

/// <summary>A Join adapter-instance input as <see cref="FakeCdp"/> accepted it.</summary>
public sealed record FakeJoinInput(string Adapter, long Instance, string Value, string Source, long AdapterInstanceId);
