namespace Clickcast.Sequences;

/// <summary>What one sequence update did.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Mode">Full, incremental, or nothing to do.</param>
/// <param name="Generation">The generation after the update.</param>
/// <param name="EventFilesRead">Event files read.</param>
/// <param name="EventsRead">Events read from them.</param>
/// <param name="ClientsUpdated">Clients with new events (full builds: all clients).</param>
/// <param name="Ranges">Client-hash ranges the events were split into to bound memory.</param>
/// <param name="Segments">Segments after the update.</param>
/// <param name="Duration">Wall-clock time.</param>
public sealed record SequenceUpdateReport(
    string Tenant,
    SequenceUpdateMode Mode,
    long Generation,
    int EventFilesRead,
    long EventsRead,
    long ClientsUpdated,
    int Ranges,
    int Segments,
    TimeSpan Duration);
