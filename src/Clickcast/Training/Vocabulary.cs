using System.Security.Cryptography;
using System.Text;

namespace Clickcast.Training;

/// <summary>
/// Maps URL tokens to the ids the network embeds. Id 0 is padding, id 1 stands for every token outside the
/// vocabulary; real tokens follow by descending training frequency. Ids never change: growing the vocabulary on
/// retraining appends, so a warm-started model keeps the embedding rows it learned.
/// </summary>
public sealed class Vocabulary
{
    /// <summary>Id of padding: never a real step.</summary>
    public const int PadId = 0;

    /// <summary>Id of tokens outside the vocabulary.</summary>
    public const int UnknownId = 1;

    /// <summary>Token text of <see cref="PadId"/>.</summary>
    public const string PadToken = "<pad>";

    /// <summary>Token text of <see cref="UnknownId"/>.</summary>
    public const string UnknownToken = "<unk>";

    private readonly string[] _tokens;
    private readonly Dictionary<string, int> _ids;

    private Vocabulary(string[] tokens)
    {
        _tokens = tokens;
        _ids = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        for (var i = 2; i < tokens.Length; i++)
        {
            _ids.Add(tokens[i], i);
        }
    }

    /// <summary>Tokens by id, including the two reserved ones.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    /// <summary>Ids in use (embedding rows needed).</summary>
    public int Count => _tokens.Length;

    /// <summary>The id of <paramref name="token"/>, or <see cref="UnknownId"/>.</summary>
    public int IdOf(string token) => _ids.GetValueOrDefault(token, UnknownId);

    /// <summary>True when <paramref name="token"/> has its own id.</summary>
    public bool Contains(string token) => _ids.ContainsKey(token);

    /// <summary>SHA-256 of the token list: identifies the vocabulary in manifests.</summary>
    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', _tokens))));

    /// <summary>Builds a vocabulary from token counts: tokens seen at least <paramref name="minCount"/> times, the most frequent first, at most <paramref name="maxSize"/> ids in all.</summary>
    public static Vocabulary Build(IReadOnlyDictionary<string, long> counts, int minCount, int maxSize) =>
        FromTokens([PadToken, UnknownToken]).Grow(counts, minCount, maxSize);

    /// <summary>
    /// A vocabulary with every current token at its current id, plus new tokens from <paramref name="counts"/>
    /// (frequency order, ordinal ties) until <paramref name="maxSize"/> ids are used.
    /// </summary>
    public Vocabulary Grow(IReadOnlyDictionary<string, long> counts, int minCount, int maxSize)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSize, 2);
        var room = maxSize - _tokens.Length;
        if (room <= 0)
        {
            return this;
        }

        var added = counts
            .Where(p => p.Value >= minCount && !_ids.ContainsKey(p.Key) && p.Key is not (PadToken or UnknownToken))
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(room)
            .Select(p => p.Key);
        return new Vocabulary([.. _tokens, .. added]);
    }

    /// <summary>Restores a vocabulary from its token list (as saved).</summary>
    public static Vocabulary FromTokens(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Count < 2 || tokens[0] != PadToken || tokens[1] != UnknownToken)
        {
            throw new ArgumentException($"A vocabulary starts with '{PadToken}' and '{UnknownToken}'.", nameof(tokens));
        }

        if (tokens.Skip(2).Distinct(StringComparer.Ordinal).Count() != tokens.Count - 2)
        {
            throw new ArgumentException("A vocabulary lists each token once.", nameof(tokens));
        }

        return new Vocabulary([.. tokens]);
    }
}
