using Clickcast.Training;

namespace Clickcast.Tests.Training;

public sealed class EventTypeVocabularyTests
{
    [Fact]
    public void Build_MostFrequentFirst_TiesByName_UnknownAndEmptyReadAsOther()
    {
        var vocabulary = EventTypeVocabulary.Build([["view", "view", "cart"], ["view", "buy", ""], ["fav"]]);

        Assert.Equal(["view", "buy", "cart", "fav"], vocabulary.Types);
        Assert.Equal(6, vocabulary.Count);
        Assert.Equal(2, vocabulary.IdOf("view"));
        Assert.Equal(3, vocabulary.IdOf("buy"));
        Assert.Equal(EventTypeVocabulary.OtherId, vocabulary.IdOf("refund"));
        Assert.Equal(EventTypeVocabulary.OtherId, vocabulary.IdOf(""));
        Assert.Equal(EventTypeVocabulary.OtherId, vocabulary.IdOf(null));
    }

    [Fact]
    public void Build_ManyTypes_KeepsTheCapMostFrequent()
    {
        var chains = Enumerable.Range(0, 100).Select(i => (IReadOnlyList<string>)Enumerable.Repeat("t" + i, i + 1).ToArray()).ToList();

        var vocabulary = EventTypeVocabulary.Build(chains);

        Assert.Equal(EventTypeVocabulary.MaxTypes, vocabulary.Types.Count);
        Assert.Equal("t99", vocabulary.Types[0]);
        Assert.Equal(EventTypeVocabulary.OtherId, vocabulary.IdOf("t0"));
    }

    [Fact]
    public void Build_GrownFromAnOldVocabulary_OldTypesKeepTheirIds()
    {
        var old = EventTypeVocabulary.Build([["view", "buy", "buy"]]);

        var grown = EventTypeVocabulary.Build([["cart", "cart", "cart", "view"]], grownFrom: old);

        Assert.Equal(["buy", "view", "cart"], grown.Types);
        Assert.Equal(old.IdOf("buy"), grown.IdOf("buy"));
        Assert.Equal(old.IdOf("view"), grown.IdOf("view"));
    }

    [Fact]
    public void Constructor_DuplicatesOrTooMany_Throw()
    {
        Assert.Throws<ArgumentException>(() => new EventTypeVocabulary(["view", "view"]));
        Assert.Throws<ArgumentException>(() => new EventTypeVocabulary(Enumerable.Range(0, EventTypeVocabulary.MaxTypes + 1).Select(i => "t" + i)));
    }

    [Fact]
    public void Encode_WithATypeVocabulary_GivesTypeIdsOfTheKeptSteps()
    {
        var types = EventTypeVocabulary.Build([["view", "view", "buy"]]);
        var tokens = Vocabulary.FromTokens([Vocabulary.PadToken, Vocabulary.UnknownToken, "a", "b"]);

        var encoded = SequenceEncoder.Encode(["a", "b", "a"], [1, 2, 3], 3, tokens, maxLength: 2, asOfMicros: 3, ["buy", "view", "refund"], types);
        var without = SequenceEncoder.Encode(["a", "b", "a"], [1, 2, 3], 3, tokens, maxLength: 2, asOfMicros: 3);

        Assert.Equal([types.IdOf("view"), EventTypeVocabulary.OtherId], encoded.TypeIds!);
        Assert.Null(without.TypeIds);
    }
}
