namespace Clickcast.Modeling;

/// <summary>STUB: replaced by the real vocabulary (ids 0 = PAD, 1 = UNK, then tokens).</summary>
public sealed class Vocabulary
{
    /// <summary>Id of padding: never a real step.</summary>
    public const int PadId = 0;

    /// <summary>Id of tokens outside the vocabulary.</summary>
    public const int UnknownId = 1;
}
