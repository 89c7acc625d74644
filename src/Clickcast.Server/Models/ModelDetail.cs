using Clickcast.Registry;
using Clickcast.Training;

namespace Clickcast.Server.Models;

/// <summary>One model version: its registry record and its manifest (data, settings, family facts).</summary>
/// <param name="Version">The registry record.</param>
/// <param name="Manifest">The manifest, once trained.</param>
public sealed record ModelDetail(ModelVersion Version, ModelManifest? Manifest);
