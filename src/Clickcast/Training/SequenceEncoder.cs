namespace Clickcast.Training;

/// <summary>Turns a chain of URL tokens with times into the ids and time features the network reads.</summary>
public static class SequenceEncoder
{
    private const double TwoPi = 2 * Math.PI;
    private const long MicrosPerHour = 3_600_000_000;
    private const long MicrosPerDay = 24 * MicrosPerHour;

    /// <summary>
    /// Encodes the last <paramref name="maxLength"/> events of <paramref name="urls"/>[0..<paramref name="count"/>)
    /// with their times (microseconds since the epoch, UTC), as judged at <paramref name="asOfMicros"/> (the
    /// observation cutoff in training, the data's "now" in scoring), with their event types when
    /// <paramref name="typeVocabulary"/> is given.
    /// </summary>
    public static EncodedSequence Encode(
        IReadOnlyList<string> urls, IReadOnlyList<long> timesMicros, int count, Vocabulary vocabulary, int maxLength, long asOfMicros,
        IReadOnlyList<string>? eventTypes = null, EventTypeVocabulary? typeVocabulary = null)
    {
        ArgumentNullException.ThrowIfNull(urls);
        ArgumentNullException.ThrowIfNull(timesMicros);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, urls.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var length = Math.Min(count, maxLength);
        var start = count - length;
        var ids = new int[length];
        var typeIds = typeVocabulary is null ? null : new int[length];
        var features = new float[length * EncodedSequence.FeatureCount];
        for (var i = 0; i < length; i++)
        {
            var e = start + i;
            ids[i] = vocabulary.IdOf(urls[e]);
            if (typeIds is not null)
            {
                typeIds[i] = typeVocabulary!.IdOf(eventTypes is not null && e < eventTypes.Count ? eventTypes[e] : null);
            }

            var time = timesMicros[e];

            // The first kept step has no predecessor in view: 0, as in stored sequences, so a capped chain encodes
            // the same whatever was cut before it.
            var delta = i == 0 ? 0 : Math.Max(0, time - timesMicros[e - 1]) / 1_000_000.0;
            var hour = (double)(((time % MicrosPerDay) + MicrosPerDay) % MicrosPerDay) / MicrosPerHour;
            var day = ((Math.Floor((double)time / MicrosPerDay) + 4) % 7 + 7) % 7; // 1970-01-01 was a Thursday (4)
            var f = i * EncodedSequence.FeatureCount;
            features[f] = (float)Math.Log(1 + delta);
            features[f + 1] = (float)Math.Sin(TwoPi * hour / 24);
            features[f + 2] = (float)Math.Cos(TwoPi * hour / 24);
            features[f + 3] = (float)Math.Sin(TwoPi * day / 7);
            features[f + 4] = (float)Math.Cos(TwoPi * day / 7);
            features[f + 5] = (float)Math.Log(1 + (Math.Max(0, asOfMicros - time) / (double)MicrosPerHour));
        }

        return new EncodedSequence(ids, features, typeIds);
    }
}
