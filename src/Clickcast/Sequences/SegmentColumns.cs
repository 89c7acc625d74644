namespace Clickcast.Sequences;

/// <summary>
/// A segment writer's per-event column buffers, kept from row group to row group and, through
/// <see cref="BuildScratch"/>, from segment to segment: a row group of a million events needs ~60 MB of them, which
/// a fresh set per segment would leave behind as large-object garbage every time.
/// </summary>
internal sealed class SegmentColumns
{
    public ReadOnlyMemory<char>[] Urls { get; private set; } = [];

    public long[] Times { get; private set; } = [];

    public ReadOnlyMemory<char>[] Types { get; private set; } = [];

    public float[] Deltas { get; private set; } = [];

    public int[] Repetition { get; private set; } = [];

    public int[] StringDefinition { get; private set; } = [];

    public int[] NumberDefinition { get; private set; } = [];

    public int[] FloatDefinition { get; private set; } = [];

    /// <summary>Makes room for <paramref name="values"/> list values (growing by <see cref="ScratchGrowth.Capacity"/>).</summary>
    public void EnsureCapacity(int values)
    {
        if (Urls.Length >= values)
        {
            return;
        }

        var size = ScratchGrowth.Capacity(Urls.Length, values);
        Urls = new ReadOnlyMemory<char>[size];
        Times = new long[size];
        Types = new ReadOnlyMemory<char>[size];
        Deltas = new float[size];
        Repetition = new int[size];
        StringDefinition = Filled(size, SegmentFile.UrlItem.MaxDefinitionLevel);
        NumberDefinition = Filled(size, SegmentFile.TimeItem.MaxDefinitionLevel);
        FloatDefinition = Filled(size, SegmentFile.DeltaItem.MaxDefinitionLevel);
    }

    /// <summary>Drops the references into the last row group's strings, keeping the arrays.</summary>
    public void Clear(int values)
    {
        Array.Clear(Urls, 0, Math.Min(values, Urls.Length));
        Array.Clear(Types, 0, Math.Min(values, Types.Length));
    }

    private static int[] Filled(int length, int value)
    {
        var array = new int[length];
        Array.Fill(array, value);
        return array;
    }
}
