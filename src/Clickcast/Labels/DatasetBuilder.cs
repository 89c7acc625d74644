using Clickcast.Events;
using Clickcast.Sequences;

namespace Clickcast.Labels;

/// <summary>
/// Draws labelled examples from client sequences without leakage: features come only from events at or before
/// the cutoff (or the first k positions), labels only from the outcome window after it.
/// </summary>
public static class DatasetBuilder
{
    /// <summary>Labels every eligible client of <paramref name="sequences"/>.</summary>
    /// <param name="sequences">Client sequences; read once.</param>
    /// <param name="target">The target action.</param>
    /// <param name="options">Windows and splits.</param>
    /// <param name="latestEventMicros">Latest event in the data, used to place a default cutoff (time mode).</param>
    /// <param name="featureTokens">Cuts observed URL tokens for features (a task's coarser level); the target is always matched on the tokens as stored.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async Task<LabeledDataset> BuildAsync(
        IAsyncEnumerable<ClientSequence> sequences,
        TargetDefinition target,
        LabelingOptions options,
        long? latestEventMicros,
        Func<string, string>? featureTokens = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        var matcher = new TargetMatcher(target);
        var cutoff = options.Mode == LabelingMode.Time ? CutoffOf(options, latestEventMicros) : (DateTimeOffset?)null;
        var labeler = new Labeler(matcher, target.Invert, options, cutoff, featureTokens);
        var examples = new List<LabeledExample>();
        await foreach (var sequence in sequences.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var example = labeler.Label(sequence);
            if (example is not null)
            {
                examples.Add(example);
            }
        }

        return new LabeledDataset(examples, labeler.Summarize(target));
    }

    /// <summary>Labels in-memory sequences (tests, small data).</summary>
    public static LabeledDataset Build(IEnumerable<ClientSequence> sequences, TargetDefinition target, LabelingOptions options, long? latestEventMicros = null)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var list = sequences as IReadOnlyCollection<ClientSequence> ?? sequences.ToList();
        latestEventMicros ??= list.Count == 0 ? null : list.Max(s => s.LastEventMicros);
        return BuildAsync(list.ToAsyncEnumerable(), target, options, latestEventMicros).GetAwaiter().GetResult();
    }

    private static DateTimeOffset CutoffOf(LabelingOptions options, long? latestEventMicros)
    {
        if (options.Cutoff is { } cutoff)
        {
            return cutoff;
        }

        if (latestEventMicros is null)
        {
            throw new InvalidOperationException("No cutoff is configured and the data has no events to place one.");
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(latestEventMicros.Value / 1000) - options.Horizon;
    }

    private sealed class Labeler(TargetMatcher matcher, bool invert, LabelingOptions options, DateTimeOffset? cutoff, Func<string, string>? featureTokens)
    {
        private readonly long _cutoff = cutoff is { } c ? c.ToUnixTimeMilliseconds() * 1000 : 0;
        private readonly long _horizonEnd = cutoff is { } c2 ? (c2 + options.Horizon).ToUnixTimeMilliseconds() * 1000 : 0;
        private readonly long _windowStart = cutoff is { } c3 && options.ObservationWindow is { } w ? (c3 - w).ToUnixTimeMilliseconds() * 1000 : long.MinValue;
        private readonly Dictionary<DatasetSplit, long> _examples = [];
        private readonly Dictionary<DatasetSplit, long> _positives = [];
        private long _seen;
        private long _noHistory;
        private long _prior;

        /// <summary>The observed chains of every example, pooled.</summary>
        public ExampleChains Chains { get; } = new(latestMicros: cutoff is null ? null : cutoff.Value.ToUnixTimeMilliseconds() * 1000);

        public LabeledExample? Label(ClientSequence sequence)
        {
            _seen++;
            int observedFrom, observedTo; // [from, to) indexes of feature events
            bool outcome;
            var urls = sequence.UrlArray;
            var types = sequence.EventTypeArray;
            var times = sequence.TimestampArray;
            if (options.Mode == LabelingMode.Position)
            {
                // A capped chain has lost its first events, so "the first k" would be wrong.
                if (urls.Length <= options.ObservedEvents || sequence.EventCount > urls.Length)
                {
                    _noHistory++;
                    return null;
                }

                // The chain as it stood after its k-th event, read as scoring reads one (ObservedWindow).
                (observedFrom, var observedLength) = ObservedWindow.Of(options.ObservedEvents, options.ObservedEvents);
                observedTo = observedFrom + observedLength;
                outcome = Any(observedTo, urls.Length);
            }
            else
            {
                observedTo = UpperBound(times, _cutoff);
                observedFrom = _windowStart == long.MinValue ? 0 : UpperBound(times, _windowStart);
                if (observedTo <= observedFrom)
                {
                    _noHistory++;
                    return null;
                }

                var outcomeEnd = UpperBound(times, _horizonEnd);
                outcome = Any(observedTo, outcomeEnd);
            }

            if (options.ExcludePriorConverters && Any(0, observedTo))
            {
                _prior++;
                return null;
            }

            var label = outcome ^ invert;
            var split = DatasetSplitter.SplitOf(sequence.ClientHash, options.ValidationShare, options.TestShare);
            _examples[split] = _examples.GetValueOrDefault(split) + 1;
            if (label)
            {
                _positives[split] = _positives.GetValueOrDefault(split) + 1;
            }

            var length = observedTo - observedFrom;
            var chain = Chains.Add(urls.AsSpan(observedFrom, length), times.AsSpan(observedFrom, length), types.AsSpan(observedFrom, length), featureTokens);
            return new LabeledExample(sequence.ClientId, sequence.ClientHash, split, label, chain);

            bool Any(int from, int to)
            {
                for (var i = from; i < to; i++)
                {
                    if (matcher.IsTarget(urls[i], types[i]))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        public DatasetSummary Summarize(TargetDefinition target) => new()
        {
            Mode = options.Mode,
            Cutoff = cutoff,
            Horizon = options.Mode == LabelingMode.Time ? options.Horizon : null,
            ObservedEvents = options.Mode == LabelingMode.Position ? options.ObservedEvents : null,
            Target = target.ToString(),
            ClientsSeen = _seen,
            NoHistory = _noHistory,
            PriorConverters = _prior,
            Examples = new Dictionary<DatasetSplit, long>(_examples),
            Positives = new Dictionary<DatasetSplit, long>(_positives),
        };

        /// <summary>Index of the first event later than <paramref name="micros"/> (times are sorted).</summary>
        private static int UpperBound(long[] times, long micros)
        {
            int low = 0, high = times.Length;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (times[mid] <= micros)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            return low;
        }
    }
}
