namespace Clickcast.Modeling;

/// <summary>STUB: turns client sequences into <see cref="EncodedSequence"/>s.</summary>
public static class SequenceEncoder
{
}
