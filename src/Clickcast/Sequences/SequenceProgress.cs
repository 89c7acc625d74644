namespace Clickcast.Sequences;

/// <summary>Progress of a sequence update.</summary>
/// <param name="Stage">What is being done: reading events, or building ranges.</param>
/// <param name="Done">Units done in this stage.</param>
/// <param name="Total">Units in this stage.</param>
public readonly record struct SequenceProgress(string Stage, int Done, int Total);
