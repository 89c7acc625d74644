using Clickcast.Training.Evaluation;

namespace Clickcast.Training;

/// <summary>
/// A model folder loaded for use: the family's model, its vocabulary and calibration. Scores are calibrated
/// probabilities. Dispose it to free the family's native resources.
/// </summary>
public sealed class TrainedModelVersion : IDisposable
{
    internal TrainedModelVersion(string folder, ModelManifest manifest, Vocabulary vocabulary, ModelCalibration calibration, ITrainedModel model)
    {
        Folder = folder;
        Manifest = manifest;
        Vocabulary = vocabulary;
        Calibration = calibration;
        Model = model;
    }

    /// <summary>The folder it was loaded from.</summary>
    public string Folder { get; }

    /// <summary>The manifest.</summary>
    public ModelManifest Manifest { get; }

    /// <summary>The vocabulary.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>Calibrator and threshold.</summary>
    public ModelCalibration Calibration { get; }

    /// <summary>The family's model (uncalibrated scores).</summary>
    public ITrainedModel Model { get; }

    /// <summary>Calibrated probabilities, one per input.</summary>
    public void Score(IReadOnlyList<ModelInput> inputs, Span<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        Model.Score(inputs, probabilities);
        Calibration.Calibrator.Apply(probabilities, probabilities);
    }

    /// <summary>Loads a model folder with the family that wrote it.</summary>
    public static TrainedModelVersion Load(string folder, IEnumerable<IModelFamily> families)
    {
        ArgumentNullException.ThrowIfNull(families);
        var manifest = ModelFiles.Read<ModelManifest>(folder, ModelFiles.Manifest);
        var family = families.FirstOrDefault(f => f.Kind == manifest.Family)
            ?? throw new InvalidOperationException($"The model in {folder} is a {manifest.Family} model, and that family is not available in this process.");
        var vocabulary = ModelFiles.ReadVocabulary(folder);
        var calibration = ModelFiles.Read<ModelCalibration>(folder, ModelFiles.Calibration);
        return new TrainedModelVersion(folder, manifest, vocabulary, calibration, family.Load(folder, vocabulary, manifest.Settings));
    }

    /// <summary>The tokens that move one client's score most.</summary>
    public IReadOnlyList<TokenInfluence> Explain(ModelInput input, int top = 10) => Explainer.ForClient(Model, Calibration.Calibrator, input, top);

    public void Dispose() => Model.Dispose();
}
