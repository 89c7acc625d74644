using Clickcast.Scoring;

namespace Clickcast.Export;

/// <summary>One batch on its way to a destination.</summary>
/// <param name="Scope">The export it belongs to.</param>
/// <param name="BatchId">Its stable id (the idempotency key).</param>
/// <param name="Index">Its position, from 0.</param>
/// <param name="Count">Batches in the export.</param>
/// <param name="FirstRow">Index of its first row among the exported rows.</param>
/// <param name="Attribute">The CDP attribute the scores go to.</param>
/// <param name="Rows">The rows.</param>
internal sealed record ExportBatch(ExportScope Scope, string BatchId, int Index, int Count, long FirstRow, string Attribute, IReadOnlyList<Prediction> Rows);
