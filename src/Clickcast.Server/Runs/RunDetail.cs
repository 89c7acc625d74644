using Clickcast.Pipeline.Jobs;

namespace Clickcast.Server.Runs;

/// <summary>One run with its lineage and log.</summary>
/// <param name="Run">The job: inputs, outputs, attempts, timings, last error.</param>
/// <param name="Parents">The jobs that led to it, nearest first.</param>
/// <param name="Children">The jobs it led to.</param>
/// <param name="Logs">What the pipeline logged while it ran.</param>
public sealed record RunDetail(Job Run, IReadOnlyList<Job> Parents, IReadOnlyList<Job> Children, IReadOnlyList<JobLogEntry> Logs);
