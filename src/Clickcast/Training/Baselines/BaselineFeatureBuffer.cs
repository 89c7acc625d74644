namespace Clickcast.Training.Baselines;

/// <summary>
/// Computes one chain's <see cref="BaselineFeatures"/> into buffers it reuses from chain to chain, so that building a
/// split's rows or scoring a split allocates nothing per chain (a chain's features were a dictionary of counts, a
/// dictionary of pairs, a list and eight arrays, all garbage once copied or scored). The one implementation of the
/// features: <see cref="BaselineFeatures.Of(IReadOnlyList{string}, IReadOnlyList{long}, Vocabulary, long)"/> copies
/// its result. Not thread-safe: one buffer per loop.
/// </summary>
internal sealed class BaselineFeatureBuffer
{
    private const double MicrosPerHour = 3.6e9;

    /// <summary>Recency of a type the chain never had: as if a year ago.</summary>
    private const double AbsentHours = 24 * 365;

    private readonly Vocabulary _vocabulary;
    private readonly AggregateLayout? _layout;
    private readonly int _maxLength;
    private readonly float[] _dense;
    private readonly int[] _typeCounts;
    private readonly long[] _typeLast;
    private readonly int[] _hours = new int[AggregateLayout.HourBuckets];
    private readonly int[] _days = new int[7];
    private int[] _tokenCounts;
    private readonly int[] _pairCounts;
    private int[] _ids = new int[64];
    private float[] _values = new float[64];
    private int[] _touchedPairs = new int[64];
    private int[] _eventIds = new int[64];
    private int _sparse;

    /// <summary>A buffer for chains scored with <paramref name="vocabulary"/> and <paramref name="layout"/> (null: the legacy features only), over their latest <paramref name="maxLength"/> events.</summary>
    public BaselineFeatureBuffer(Vocabulary vocabulary, AggregateLayout? layout, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLength);
        _vocabulary = vocabulary;
        _layout = layout;
        _maxLength = maxLength;
        _dense = new float[BaselineFeatures.DenseNames.Count + (layout?.Names.Count ?? 0)];
        _typeCounts = new int[layout?.TypeCount ?? 0];
        _typeLast = new long[layout?.TypeCount ?? 0];
        _tokenCounts = new int[vocabulary.Count];
        _pairCounts = new int[layout?.PairBuckets ?? 0];
    }

    /// <summary>Sparse ids of the last chain, ascending: its vocabulary ids, then its hashed token × type pairs.</summary>
    public ReadOnlySpan<int> TokenIds => _ids.AsSpan(0, _sparse);

    /// <summary>log(1 + count) per id in <see cref="TokenIds"/>.</summary>
    public ReadOnlySpan<float> TokenValues => _values.AsSpan(0, _sparse);

    /// <summary>Dense features of the last chain (<see cref="BaselineFeatures.DenseNames"/>, then the layout's aggregates).</summary>
    public ReadOnlySpan<float> Dense => _dense;

    /// <summary>Computes the features of <paramref name="input"/>'s latest events.</summary>
    public void Compute(ModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Compute(input.Urls, input.TimesMicros, input.EventTypes, input.AsOfMicros);
    }

    /// <summary>
    /// Computes the features of the latest events of a chain ending at <paramref name="asOfMicros"/> (the cutoff, or
    /// now when scoring); <paramref name="eventTypes"/> is read only with a layout.
    /// </summary>
    public void Compute(IReadOnlyList<string> urls, IReadOnlyList<long> timesMicros, IReadOnlyList<string>? eventTypes, long asOfMicros)
    {
        ArgumentNullException.ThrowIfNull(urls);
        ArgumentNullException.ThrowIfNull(timesMicros);
        var from = Math.Max(0, urls.Count - _maxLength);
        var n = urls.Count - from;
        if (_eventIds.Length < n)
        {
            _eventIds = new int[Math.Max(n, _eventIds.Length * 2)];
        }

        // The bag of tokens: counts per vocabulary id, the distinct ids in ascending order.
        _sparse = 0;
        for (var i = 0; i < n; i++)
        {
            var id = _vocabulary.IdOf(urls[from + i]);
            _eventIds[i] = id;
            if (id >= _tokenCounts.Length)
            {
                Array.Resize(ref _tokenCounts, Math.Max(id + 1, _tokenCounts.Length * 2));
            }

            if (_tokenCounts[id]++ == 0)
            {
                Append(id);
            }
        }

        var distinct = _sparse;
        _ids.AsSpan(0, distinct).Sort();
        for (var k = 0; k < distinct; k++)
        {
            var id = _ids[k];
            _values[k] = (float)Math.Log(1 + _tokenCounts[id]);
            _tokenCounts[id] = 0;
        }

        var last = timesMicros[from + n - 1];
        var first = timesMicros[from];
        int lastDay = 0, lastWeek = 0;
        for (var i = n - 1; i >= 0 && asOfMicros - timesMicros[from + i] <= 7 * 86_400_000_000L; i--)
        {
            lastWeek++;
            if (asOfMicros - timesMicros[from + i] <= 86_400_000_000L)
            {
                lastDay++;
            }
        }

        var lastUrl = urls[from + n - 1];
        var repeats = 0;
        for (var i = 0; i < n; i++)
        {
            repeats += string.Equals(urls[from + i], lastUrl, StringComparison.Ordinal) ? 1 : 0;
        }

        _dense[0] = (float)Math.Log(1 + n);
        _dense[1] = (float)Math.Log(1 + distinct);
        _dense[2] = (float)Math.Log(1 + (Math.Max(0, asOfMicros - last) / MicrosPerHour));
        _dense[3] = (float)Math.Log(1 + ((last - first) / MicrosPerHour));
        _dense[4] = (float)Math.Log(1 + lastDay);
        _dense[5] = (float)Math.Log(1 + lastWeek);
        _dense[6] = repeats / (float)n;
        if (_layout is not null)
        {
            ArgumentNullException.ThrowIfNull(eventTypes);
            Aggregates(_layout, timesMicros, eventTypes, asOfMicros, from, n);
        }
    }

    /// <summary>The last chain's features as arrays of their own.</summary>
    public BaselineFeatures ToFeatures() => new(TokenIds.ToArray(), TokenValues.ToArray(), Dense.ToArray());

    private void Aggregates(AggregateLayout layout, IReadOnlyList<long> timesMicros, IReadOnlyList<string> eventTypes, long asOfMicros, int from, int n)
    {
        var types = layout.TypeCount;
        Array.Clear(_typeCounts);
        Array.Clear(_hours);
        Array.Clear(_days);
        var pairBuckets = layout.PairBuckets;
        var pairs = 0;
        for (var i = 0; i < n; i++)
        {
            var type = layout.TypeIndex(from + i < eventTypes.Count ? eventTypes[from + i] : null);
            _typeCounts[type]++;
            _typeLast[type] = timesMicros[from + i];
            var moment = DateTimeOffset.FromUnixTimeMilliseconds(timesMicros[from + i] / 1000);
            _hours[moment.Hour * AggregateLayout.HourBuckets / 24]++;
            _days[(int)moment.DayOfWeek]++;
            if (pairBuckets > 0)
            {
                var bucket = BaselineFeatures.PairBucket(_eventIds[i], type, pairBuckets);
                if (_pairCounts[bucket]++ == 0)
                {
                    if (pairs == _touchedPairs.Length)
                    {
                        Array.Resize(ref _touchedPairs, pairs * 2);
                    }

                    _touchedPairs[pairs++] = bucket;
                }
            }
        }

        var column = BaselineFeatures.DenseNames.Count;
        for (var t = 0; t < types; t++)
        {
            var since = _typeCounts[t] == 0 ? AbsentHours : Math.Max(0, asOfMicros - _typeLast[t]) / MicrosPerHour;
            _dense[column++] = (float)Math.Log(1 + _typeCounts[t]);
            _dense[column++] = _typeCounts[t] / (float)n;
            _dense[column++] = (float)Math.Log(1 + since);
        }

        _dense[column++] = (float)Math.Log(1 + (Math.Max(0, asOfMicros - timesMicros[from]) / MicrosPerHour));
        foreach (var h in _hours)
        {
            _dense[column++] = h / (float)n;
        }

        foreach (var d in _days)
        {
            _dense[column++] = d / (float)n;
        }

        // The pairs' ids follow the vocabulary's (bucket + vocabulary size), ascending.
        _touchedPairs.AsSpan(0, pairs).Sort();
        for (var k = 0; k < pairs; k++)
        {
            var bucket = _touchedPairs[k];
            Append(_vocabulary.Count + bucket);
            _values[_sparse - 1] = (float)Math.Log(1 + _pairCounts[bucket]);
            _pairCounts[bucket] = 0;
        }
    }

    private void Append(int id)
    {
        if (_sparse == _ids.Length)
        {
            Array.Resize(ref _ids, _sparse * 2);
            Array.Resize(ref _values, _sparse * 2);
        }

        _ids[_sparse++] = id;
    }
}
