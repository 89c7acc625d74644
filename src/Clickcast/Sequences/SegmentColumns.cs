namespace Clickcast.Sequences;

/// <summary>
/// A segment writer's row group, column by column: the per-client columns and where each client's events are, then,
/// at the flush, the per-event columns gathered from there. Kept from row group to row group and, through
/// <see cref="BuildScratch"/>, from segment to segment: a row group of a million events needs ~60 MB of them, which
/// a fresh set per segment (or per-client arrays copied in) would leave behind as garbage every time.
/// </summary>
internal sealed class SegmentColumns
{
    public long[] Hashes { get; } = new long[SegmentFile.ClientsPerRowGroup];

    public string[] Ids { get; } = new string[SegmentFile.ClientsPerRowGroup];

    public DateTime[] Firsts { get; } = new DateTime[SegmentFile.ClientsPerRowGroup];

    public DateTime[] Lasts { get; } = new DateTime[SegmentFile.ClientsPerRowGroup];

    public long[] Counts { get; } = new long[SegmentFile.ClientsPerRowGroup];

    public long[] Generations { get; } = new long[SegmentFile.ClientsPerRowGroup];

    /// <summary>Where each pending row's events are, read at the flush.</summary>
    public SegmentEvents[] Sources { get; } = new SegmentEvents[SegmentFile.ClientsPerRowGroup];

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

    /// <summary>
    /// Gathers the per-event columns of the first <paramref name="rows"/> rows, <paramref name="values"/> events in
    /// all, from their <see cref="Sources"/>.
    /// </summary>
    public void Gather(int rows, int values)
    {
        EnsureCapacity(values);
        var position = 0;
        for (var r = 0; r < rows; r++)
        {
            position = Sources[r].CopyTo(this, position);
        }
    }

    /// <summary>Drops the references into the last row group's strings and sources, keeping the arrays.</summary>
    public void Clear(int rows, int values)
    {
        Array.Clear(Ids, 0, rows);
        Array.Clear(Sources, 0, rows);
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
