using Clickcast.Events;
using System.Globalization;
using Clickcast.Labels;
using Clickcast.Sequences;
using Clickcast.Testing;
using Clickcast.Training;
using Clickcast.Training.Baselines;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.IntegrationTests.Training;

/// <summary>The leakage check as a verdict on real data: UCI MSNBC (shared data), position mode k = 3, target business.</summary>
public sealed class LeakageCheckTests
{
    private const int Users = 30_000;

    [Fact]
    public void Run_MsnbcBusiness_PermutedLabelsLandInTheBand_WhileRealLabelsAreLearned()
    {
        var chains = Msnbc(SharedData.File("msnbc/msnbc990928.seq"), Users);
        var labeling = new LabelingOptions { Mode = LabelingMode.Position, ObservedEvents = 3 };
        var dataset = DatasetBuilder.Build(chains, new TargetDefinition { UrlPattern = "business", Match = UrlMatchKind.Exact }, labeling);
        var settings = new ModelSettings { Family = ModelFamilyChoice.LogisticRegression, ExplainSample = 0 };
        var trainer = new ModelTrainer([new LogisticRegressionFamily()], new FakeTimeProvider(), NullLogger<ModelTrainer>.Instance);
        using var folder = new TempFolder();

        var verdict = LeakageCheck.Run(trainer, dataset, labeling, settings, folder.File("check"), TestContext.Current.CancellationToken);
        var honest = trainer.Train(dataset, labeling, settings, folder.File("honest"), cancellationToken: TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine($"{verdict.Summary} Honest test AUC {honest.TestAuc:0.000}.");
        Assert.True(verdict.Passed, verdict.Summary);
        Assert.Equal(settings.Statistics.LeakagePermutations, verdict.Aucs.Count);
        Assert.True(honest.TestAuc > verdict.Upper, $"honest test AUC {honest.TestAuc} should clear the band: {verdict.Summary}");
    }

    /// <summary>The first <paramref name="users"/> users of the MSNBC file as chains of category names, one minute apart.</summary>
    private static List<ClientSequence> Msnbc(string path, int users)
    {
        var lines = File.ReadLines(path).ToList();
        var categories = lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = new DateTimeOffset(1999, 9, 28, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;
        var result = new List<ClientSequence>(users);
        foreach (var line in lines.Skip(7))
        {
            var views = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (views.Length == 0)
            {
                continue;
            }

            var client = "user" + result.Count.ToString(CultureInfo.InvariantCulture);
            var urls = views.Select(v => categories[int.Parse(v, CultureInfo.InvariantCulture) - 1]).ToArray();
            var times = urls.Select((_, i) => start + (i * 60_000_000L)).ToArray();
            result.Add(new ClientSequence(client, ClientHash.Of(client), urls, times, [.. urls.Select(_ => "page_view")], times[0], times[^1], urls.Length));
            if (result.Count == users)
            {
                break;
            }
        }

        return result;
    }
}
