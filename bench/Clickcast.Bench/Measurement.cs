namespace Clickcast.Bench;

/// <summary>One process under GNU time: wall seconds, peak RSS, and CPU seconds (user + system), the figure that holds on a loaded machine.</summary>
public sealed record Measurement(double Seconds, long PeakKib, int ExitCode, string Output, double CpuSeconds);
