namespace Clickcast.Pipeline;

/// <summary>What a backfill did, per raw file of its period.</summary>
/// <param name="Files">Raw files that arrived in the period.</param>
/// <param name="Enqueued">Ingest jobs created (files never ingested, or every file under <see cref="BackfillPolicy.RedoAll"/>).</param>
/// <param name="Retried">Dead-lettered or cancelled ingest jobs queued again.</param>
/// <param name="Skipped">Files left alone: ingested already, or not covered by the policy.</param>
/// <param name="InProgress">Files whose ingest job is queued or running: left to finish.</param>
/// <param name="SequencesJobId">The sequences job that continues the chain (sequences → train → score → export).</param>
public sealed record BackfillReport(int Files, int Enqueued, int Retried, int Skipped, int InProgress, long? SequencesJobId);
