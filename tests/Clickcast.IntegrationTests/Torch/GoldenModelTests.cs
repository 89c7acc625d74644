using System.Runtime.CompilerServices;
using System.Text.Json;
using Clickcast.IntegrationTests.Support;
using Clickcast.Torch;
using Clickcast.Training;

namespace Clickcast.IntegrationTests.Torch;

/// <summary>
/// A tiny model saved once and committed: it must keep loading and scoring as recorded, or stored models in the
/// field would break (renamed network fields change parameter names; a changed file format or architecture too).
/// </summary>
public sealed class GoldenModelTests
{
    private const string Folder = "Golden/gru-v1";
    private const string ExpectedFile = "expected-scores.json";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public void Load_CommittedGoldenModel_ScoresTheRecordedSequencesAsRecorded()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, Folder);
        var expected = JsonSerializer.Deserialize<GoldenScores>(File.ReadAllText(Path.Combine(folder, ExpectedFile)))!;

        using var model = GruModel.Load(folder, ToyData.OneThread());
        var scores = model.Score(expected.Sequences.Select(s => new EncodedSequence(s.TokenIds, s.Features)).ToList());

        Assert.Equal(10, model.VocabularySize);
        Assert.Equal(expected.Scores.Length, scores.Length);
        for (var i = 0; i < scores.Length; i++)
        {
            Assert.Equal(expected.Scores[i], scores[i], 1e-6f);
        }
    }

    /// <summary>Rewrites the committed artifact. Run only on purpose, and say why in the commit.</summary>
    [Fact(Explicit = true)]
    public void Regenerate_GoldenModel()
    {
        var folder = Path.Combine(Path.GetDirectoryName(SourceFile())!, "..", Folder);
        var options = new GruModelOptions { EmbeddingSize = 4, HiddenSize = 8, Layers = 1, Dropout = 0, MaxSequenceLength = 16 };
        using var model = GruModel.Create(10, options, seed: 20261126, ToyData.OneThread());
        var random = new Random(20261126);
        var sequences = new[] { 1, 4, 9 }.Select(length => ToyData.Sequence(random, length, vocabularySize: 10)).ToList();

        model.Save(folder);
        var scores = model.Score(sequences);
        var golden = new GoldenScores(sequences.Select(s => new GoldenSequence(s.TokenIds, s.Features)).ToArray(), scores);
        File.WriteAllText(Path.Combine(folder, ExpectedFile), JsonSerializer.Serialize(golden, Indented));
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;

    private sealed record GoldenSequence(int[] TokenIds, float[] Features);

    private sealed record GoldenScores(GoldenSequence[] Sequences, float[] Scores);
}
