namespace Clickcast.Server.Exports;

/// <summary>A webhook destination's new signing secret: in this answer only (stored encrypted, masked everywhere else).</summary>
/// <param name="Destination">The destination's name.</param>
/// <param name="Secret">The new secret: give it to the receiver, which checks signatures with it from the next delivery on.</param>
/// <param name="DefinitionVersion">The tenant definition's version that holds it.</param>
public sealed record RotatedSecret(string Destination, string Secret, int DefinitionVersion);
