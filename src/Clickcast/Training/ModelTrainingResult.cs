namespace Clickcast.Training;

/// <summary>A trained model folder's manifest and the kept model's calibrated scores on the test clients.</summary>
/// <param name="Manifest">The manifest written to the folder.</param>
/// <param name="TestScores">
/// The kept model's calibrated probabilities on the dataset's test clients, in their order: what its test metrics
/// were computed from, so a comparison on the same clients reuses them instead of scoring the model again.
/// </param>
public sealed record ModelTrainingResult(ModelManifest Manifest, IReadOnlyList<double> TestScores);
