namespace Clickcast.Ingestion;

/// <summary>What one pass of <see cref="EventReshard.RewriteAsync"/> did.</summary>
/// <param name="FilesListed">Events files of the old layout.</param>
/// <param name="Groups">(period, name) groups rewritten.</param>
/// <param name="FilesWritten">Files written in the new layout.</param>
/// <param name="Rows">Events rewritten.</param>
public sealed record ReshardCounts(int FilesListed, int Groups, int FilesWritten, long Rows);
