namespace Clickcast.Training.Evaluation;

/// <summary>One point of the cumulative gains curve: contacting the top <paramref name="ClientShare"/> of clients by score reaches <paramref name="PositiveShare"/> of all positives.</summary>
/// <param name="ClientShare">Share of all clients, best scores first.</param>
/// <param name="PositiveShare">Share of all positives among them.</param>
public readonly record struct GainsPoint(double ClientShare, double PositiveShare);
