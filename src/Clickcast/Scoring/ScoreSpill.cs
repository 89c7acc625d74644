using System.Buffers.Binary;
using System.Text;
using Clickcast.Storage;

namespace Clickcast.Scoring;

/// <summary>
/// What an unsharded run scored, kept on local disk instead of in memory, so the run's peak RSS does not grow with
/// the tenant: every client's id and probability in one temporary file (read back in scoring order), and the
/// probabilities in sorted runs of at most <see cref="RunValues"/> values, merged in one streaming pass into the exact
/// distribution (<see cref="ScoreDistribution.OfSorted"/>: the same quantiles as sorting them all in memory).
/// Memory: one run buffer (8 bytes a value) and one small read buffer per run at the merge.
/// </summary>
public sealed class ScoreSpill : IDisposable
{
    /// <summary>Probabilities per sorted run: 8 MiB.</summary>
    public const int RunValues = 1 << 20;

    private const int BufferBytes = 1 << 16;

    private readonly string _folder = ScratchSpace.Process.NewPath("spill");
    private readonly BinaryWriter _rows;
    private readonly double[] _run;
    private readonly List<string> _runs = [];
    private int _inRun;
    private bool _completed;

    /// <summary>A new, empty spill; <paramref name="runValues"/> values per sorted run (tests use small runs).</summary>
    public ScoreSpill(int runValues = RunValues)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runValues, 1);
        Directory.CreateDirectory(_folder);
        _rows = new BinaryWriter(new FileStream(Path.Combine(_folder, "rows"), FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferBytes), Encoding.UTF8);
        _run = new double[runValues];
    }

    /// <summary>Clients added.</summary>
    public long Count { get; private set; }

    /// <summary>Sorted runs written so far.</summary>
    public int Runs => _runs.Count;

    /// <summary>Adds one scored client.</summary>
    public void Add(string client, double probability)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        _rows.Write(client);
        _rows.Write(probability);
        _run[_inRun++] = probability;
        Count++;
        if (_inRun == _run.Length)
        {
            WriteRun();
        }
    }

    /// <summary>The exact distribution of every probability added; ends adding.</summary>
    public ScoreDistribution Distribution()
    {
        Complete();
        return ScoreDistribution.OfSorted(Sorted(), Count);
    }

    /// <summary>Every probability added, ascending (a merge of the sorted runs); ends adding.</summary>
    public IEnumerable<double> Sorted()
    {
        Complete();
        return SortedProbabilities.Merge(_runs);
    }

    /// <summary>Every client and probability added, in the order added; ends adding.</summary>
    public IEnumerable<(string Client, double Probability)> Rows()
    {
        Complete();
        using var reader = new BinaryReader(new FileStream(Path.Combine(_folder, "rows"), FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.SequentialScan), Encoding.UTF8);
        for (long i = 0; i < Count; i++)
        {
            yield return (reader.ReadString(), reader.ReadDouble());
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _rows.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private void Complete()
    {
        if (!_completed)
        {
            WriteRun();
            _rows.Dispose();
            _completed = true;
        }
    }

    private void WriteRun()
    {
        if (_inRun == 0)
        {
            return;
        }

        var values = _run.AsSpan(0, _inRun);
        values.Sort();
        var path = Path.Combine(_folder, "run-" + _runs.Count.ToString("D6", System.Globalization.CultureInfo.InvariantCulture));
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferBytes))
        {
            Span<byte> bytes = stackalloc byte[8];
            foreach (var value in values)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
                file.Write(bytes);
            }
        }

        _runs.Add(path);
        _inRun = 0;
    }
}
