using Clickcast.Labels;
using Clickcast.Scoring;
using Clickcast.Tests.Support;
using Clickcast.Training;

namespace Clickcast.Tests.Labels;

public sealed class ObservedWindowTests
{
    [Theory]
    [InlineData(10, null, 0, 10)] // time mode: the whole chain up to the moment judged
    [InlineData(10, 3, 7, 3)] // position mode: the newest k
    [InlineData(3, 3, 0, 3)] // training: the chain cut after its k-th event is read whole
    [InlineData(2, 3, 0, 2)] // shorter than k: read whole
    [InlineData(0, 3, 0, 0)]
    public void Of_ReadsTheNewestKInPositionModeAndEverythingInTimeMode(int chainLength, int? k, int from, int length) =>
        Assert.Equal((from, length), ObservedWindow.Of(chainLength, k));

    [Theory]
    [InlineData(null, 100L)] // time mode: judged at the data's now
    [InlineData(3, 40L)] // position mode: judged just after the newest observed event, as in training
    public void AsOf_IsNowInTimeModeAndTheNewestObservedEventInPositionMode(int? k, long expected) =>
        Assert.Equal(expected, ObservedWindow.AsOf(nowMicros: 100, newestObservedMicros: 40, k));

    [Fact]
    public void PositionMode_ScoringAChainCutAfterK_IsExactlyTheTrainingInput()
    {
        var urls = new[] { "a", "b", "c", "d", "e", "target", "f", "g", "h", "i" };
        var chain = TestSequences.Views("client", urls);
        var options = new LabelingOptions { Mode = LabelingMode.Position, ObservedEvents = 3 };
        var dataset = DatasetBuilder.Build([chain], new TargetDefinition { UrlPattern = "target", Match = UrlMatchKind.Exact }, options);
        var training = ModelTrainer.InputOf(Assert.Single(dataset.Examples), cutoffMicros: null);

        // The same client as scoring would have seen it right after its 3rd event, with the data's "now" much later.
        var cut = TestSequences.Views("client", urls[..3]);
        var scoring = Scorer.InputOf(cut, maxLength: 50, asOfMicros: TestSequences.Day(30), cutter: null, observedEvents: 3);

        Assert.Equal(["a", "b", "c"], training.Urls);
        Assert.Equal(training.Urls, scoring.Urls);
        Assert.Equal(training.TimesMicros, scoring.TimesMicros);
        Assert.Equal(training.EventTypes, scoring.EventTypes);
        Assert.Equal(training.AsOfMicros, scoring.AsOfMicros);
    }

    [Fact]
    public void PositionMode_ScoringALongerChain_ReadsItsNewestKJudgedAtTheNewest()
    {
        var chain = TestSequences.Views("client", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j");

        var scoring = Scorer.InputOf(chain, maxLength: 50, asOfMicros: TestSequences.Day(30), cutter: null, observedEvents: 3);

        Assert.Equal(["h", "i", "j"], scoring.Urls);
        Assert.Equal(TestSequences.Day(9), scoring.AsOfMicros);
    }

    [Fact]
    public void TimeMode_ScoringReadsTheWholeChainUpToMaxLengthAtNow()
    {
        var chain = TestSequences.Views("client", "a", "b", "c", "d", "e");

        var scoring = Scorer.InputOf(chain, maxLength: 4, asOfMicros: TestSequences.Day(30), cutter: null);

        Assert.Equal(["b", "c", "d", "e"], scoring.Urls);
        Assert.Equal(TestSequences.Day(30), scoring.AsOfMicros);
    }
}
