using Clickcast.Training;

namespace Clickcast.Torch;

/// <summary>A training example: a client's encoded chain and whether the target action followed it.</summary>
/// <param name="Sequence">The chain as the network reads it.</param>
/// <param name="IsPositive">True when the target action followed.</param>
public readonly record struct LabeledSequence(EncodedSequence Sequence, bool IsPositive);
