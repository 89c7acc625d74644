using Clickcast.Export;

namespace Clickcast.Server.Exports;

/// <summary>A task's export destinations (no secrets) and every delivery the ledger recorded.</summary>
/// <param name="Destinations">Where the scores go.</param>
/// <param name="Deliveries">Each predictions file to each destination, newest first.</param>
public sealed record ExportsView(IReadOnlyList<DestinationView> Destinations, IReadOnlyList<DeliverySummary> Deliveries);

/// <summary>A destination without its settings' secrets.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Kind">Files, Webhook or CleverDataJoin.</param>
/// <param name="Attribute">The CDP attribute.</param>
/// <param name="Target">Where it points (webhook URL, Join base URL), or the formats of a Files destination.</param>
public sealed record DestinationView(string Name, ExportDestinationKind Kind, string Attribute, string Target);
