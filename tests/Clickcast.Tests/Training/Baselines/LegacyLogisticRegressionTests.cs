using System.Globalization;
using System.Text.Json;
using Clickcast.Storage;
using Clickcast.Training;
using Clickcast.Training.Baselines;

namespace Clickcast.Tests.Training.Baselines;

/// <summary>A logistic-regression model saved before event types were features still loads and scores as it did.</summary>
public sealed class LegacyLogisticRegressionTests
{
    // Written by main's code at 3f12a6e (generator.txt beside it): weights, vocabulary, inputs and the scores it gave them.
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Training", "Baselines", "Golden", "logistic-regression-3f12a6e");

    [Fact]
    public void Load_ModelSavedByMain_ScoresTheRecordedInputsExactlyAsMainDid()
    {
        var vocabulary = Vocabulary.FromTokens(JsonSerializer.Deserialize<string[]>(File.ReadAllText(Path.Combine(Folder, "vocabulary.json")))!);
        var inputs = JsonSerializer.Deserialize<List<ModelInput>>(File.ReadAllText(Path.Combine(Folder, "inputs.json")), ClickcastJson.Options)!;
        var expected = JsonSerializer.Deserialize<string[]>(File.ReadAllText(Path.Combine(Folder, "expected-scores.json")))!
            .Select(s => double.Parse(s, CultureInfo.InvariantCulture))
            .ToArray();

        using var model = new LogisticRegressionFamily().Load(Folder, vocabulary, new ModelSettings());
        var scores = new double[inputs.Count];
        model.Score(inputs, scores);

        Assert.Equal(40, inputs.Count);
        Assert.Equal(expected, scores);
        Assert.DoesNotContain("event type", model.Describe()["family"], StringComparison.Ordinal);
    }
}
