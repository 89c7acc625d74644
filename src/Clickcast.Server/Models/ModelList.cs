using Clickcast.Registry;

namespace Clickcast.Server.Models;

/// <summary>A task's model versions, newest first, with the champion and the retraining state.</summary>
/// <param name="Versions">Every version: champion, retired, rejected challengers, each with its test AUC and the champion's on the same test clients.</param>
/// <param name="Champion">The champion's version, if any.</param>
/// <param name="Retraining">Retraining bookkeeping.</param>
public sealed record ModelList(IReadOnlyList<ModelVersion> Versions, int? Champion, RetrainingState Retraining);
