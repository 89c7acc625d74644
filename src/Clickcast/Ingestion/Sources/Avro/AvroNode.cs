using System.Runtime.CompilerServices;

namespace Clickcast.Ingestion.Sources.Avro;

/// <summary>
/// One step of a projection decoder compiled from a writer schema: it walks a value's binary encoding, captures
/// the mapped fields and skips everything else without materialising it.
/// </summary>
internal sealed class AvroNode
{
    private AvroNode(AvroNodeKind kind, int size = -1, int slot = -1, AvroValueKind valueKind = AvroValueKind.Absent, string[]? symbols = null)
    {
        Kind = kind;
        FixedSize = size;
        Slot = slot;
        ValueKind = valueKind;
        Symbols = symbols ?? [];
    }

    public AvroNodeKind Kind { get; }

    /// <summary>Encoded size when every value of this type has the same size; -1 otherwise.</summary>
    public int FixedSize { get; private set; }

    /// <summary>Capture slot, for the capture kinds.</summary>
    public int Slot { get; }

    /// <summary>How a captured integer is to be read (plain, or a time logical type).</summary>
    public AvroValueKind ValueKind { get; }

    /// <summary>Enum symbols, for <see cref="AvroNodeKind.CaptureSymbol"/>.</summary>
    public string[] Symbols { get; }

    /// <summary>Record fields, union branches, or the one item (array) or value (map) type.</summary>
    public AvroNode[] Children { get; private set; } = [];

    public static AvroNode Nothing { get; } = new(AvroNodeKind.Nothing, size: 0);

    public static AvroNode SkipVarint { get; } = new(AvroNodeKind.SkipVarint);

    public static AvroNode SkipLengthPrefixed { get; } = new(AvroNodeKind.SkipLengthPrefixed);

    public static AvroNode SkipFixed(int size) => new(AvroNodeKind.SkipFixed, size: size);

    public static AvroNode Union(AvroNode[] branches) => WithChildren(AvroNodeKind.Union, branches);

    public static AvroNode Array(AvroNode item) => WithChildren(AvroNodeKind.Array, [item]);

    public static AvroNode Map(AvroNode value) => WithChildren(AvroNodeKind.Map, [value]);

    /// <summary>A record whose fields are set by <see cref="SetFields"/>, so recursive schemas can refer to it first.</summary>
    public static AvroNode Record() => new(AvroNodeKind.Record);

    public static AvroNode Capture(AvroNodeKind kind, int slot, AvroValueKind valueKind = AvroValueKind.Absent, string[]? symbols = null) =>
        new(kind, slot: slot, valueKind: valueKind, symbols: symbols);

    /// <summary>Sets a record's fields, folding runs of constant-size fields into one skip.</summary>
    public void SetFields(IEnumerable<AvroNode> fields)
    {
        var folded = new List<AvroNode>();
        foreach (var field in fields)
        {
            if (field.Kind == AvroNodeKind.Nothing)
            {
                continue;
            }

            if (field.Kind == AvroNodeKind.SkipFixed && folded.Count > 0 && folded[^1].Kind == AvroNodeKind.SkipFixed)
            {
                folded[^1] = SkipFixed(folded[^1].FixedSize + field.FixedSize);
                continue;
            }

            folded.Add(field);
        }

        Children = [.. folded];
        FixedSize = folded.All(f => f.Kind == AvroNodeKind.SkipFixed) ? folded.Sum(f => f.FixedSize) : -1;
    }

    /// <summary>Walks one value of this node's type, writing mapped fields into <paramref name="captures"/>.</summary>
    public void Read(ref AvroCursor cursor, AvroCapture[] captures) => ReadValue(this, ref cursor, captures);

    /// <summary>
    /// Reads one value: a union's branch, then the leaf kinds a clickstream record is made of. Inlined into the
    /// record loop, so a flat record costs no call per field; the other kinds go through <see cref="ReadOther"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ReadValue(AvroNode node, ref AvroCursor cursor, AvroCapture[] captures)
    {
        // The specification forbids a union directly inside a union; ReadOther still reads one if a schema has it.
        if (node.Kind == AvroNodeKind.Union)
        {
            var branches = node.Children;
            node = branches[cursor.ReadUnionIndex(branches.Length)];
        }

        switch (node.Kind)
        {
            case AvroNodeKind.Nothing:
                return;
            case AvroNodeKind.SkipVarint:
                cursor.SkipVarint();
                return;
            case AvroNodeKind.SkipFixed:
                cursor.Skip(node.FixedSize);
                return;
            case AvroNodeKind.SkipLengthPrefixed:
                cursor.SkipLengthPrefixed();
                return;
            case AvroNodeKind.CaptureText:
            {
                ref var capture = ref captures[node.Slot];
                capture.Offset = cursor.ReadLengthPrefixed(out capture.Length);
                capture.Kind = AvroValueKind.Text;
                return;
            }

            case AvroNodeKind.CaptureInteger:
            {
                ref var capture = ref captures[node.Slot];
                capture.Integer = cursor.ReadLong();
                capture.Kind = node.ValueKind;
                return;
            }

            case AvroNodeKind.CaptureNull:
                captures[node.Slot].Kind = AvroValueKind.Null;
                return;
            default:
                ReadOther(node, ref cursor, captures);
                return;
        }
    }

    private static void ReadOther(AvroNode node, ref AvroCursor cursor, AvroCapture[] captures)
    {
        switch (node.Kind)
        {
            case AvroNodeKind.Record:
                cursor.Enter();
                foreach (var field in node.Children)
                {
                    ReadValue(field, ref cursor, captures);
                }

                cursor.Leave();
                return;
            case AvroNodeKind.Union:
                ReadValue(node, ref cursor, captures);
                return;
            case AvroNodeKind.Array:
                node.ReadBlocks(ref cursor, captures, isMap: false);
                return;
            case AvroNodeKind.Map:
                node.ReadBlocks(ref cursor, captures, isMap: true);
                return;
            case AvroNodeKind.CaptureFloat:
            {
                ref var capture = ref captures[node.Slot];
                capture.Real = cursor.ReadFloat();
                capture.Kind = AvroValueKind.Real;
                return;
            }

            case AvroNodeKind.CaptureDouble:
            {
                ref var capture = ref captures[node.Slot];
                capture.Real = cursor.ReadDouble();
                capture.Kind = AvroValueKind.Real;
                return;
            }

            case AvroNodeKind.CaptureSymbol:
            {
                ref var capture = ref captures[node.Slot];
                capture.Symbol = node.Symbols[cursor.ReadUnionIndex(node.Symbols.Length)];
                capture.Kind = AvroValueKind.Symbol;
                return;
            }

            default:
                throw new InvalidOperationException($"Unknown Avro node kind {node.Kind}.");
        }
    }

    private static AvroNode WithChildren(AvroNodeKind kind, AvroNode[] children) => new(kind) { Children = children };

    private void ReadBlocks(ref AvroCursor cursor, AvroCapture[] captures, bool isMap)
    {
        var item = Children[0];
        cursor.Enter();
        while (true)
        {
            var count = cursor.ReadBlockCount(out var byteSize);
            if (count == 0)
            {
                break;
            }

            if (byteSize >= 0)
            {
                // The writer told us the block's size: nothing inside is mapped, so jump over it.
                cursor.Skip((int)byteSize);
                continue;
            }

            if (!isMap && item.FixedSize >= 0)
            {
                cursor.Skip(count, item.FixedSize);
                continue;
            }

            // Every map entry and every variable-size item takes at least one byte, so a hostile count ends at the
            // block's end instead of looping for ever.
            for (long i = 0; i < count; i++)
            {
                if (isMap)
                {
                    cursor.SkipLengthPrefixed();
                }

                item.Read(ref cursor, captures);
            }
        }

        cursor.Leave();
    }
}
