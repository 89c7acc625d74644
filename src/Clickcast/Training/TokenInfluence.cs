namespace Clickcast.Training;

/// <summary>How much a URL token moves the score: the mean change in probability when it is taken out of a chain.</summary>
/// <param name="Token">The URL token.</param>
/// <param name="MeanEffect">Mean of (score with it − score without it) over clients whose chain has it.</param>
/// <param name="Clients">Clients the mean is over.</param>
public sealed record TokenInfluence(string Token, double MeanEffect, int Clients);
