namespace Clickcast.Storage;

/// <summary>What one <see cref="ScratchSweep"/> removed: entries (folders or files) and the bytes they held.</summary>
internal readonly record struct ScratchSweepResult(int Removed, long Bytes);
