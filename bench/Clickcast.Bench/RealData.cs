using System.Globalization;
using System.Text;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Urls;
using Clickcast.Labels;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Training.Evaluation;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clickcast.Bench;

/// <summary>
/// The real data sets of the model benchmarks (bench/quality.cs, bench/pretrain.cs), read from
/// <see cref="Repository.SharedData"/> as raw CSV for a tenant, and what the benchmarks do with them alike.
/// </summary>
public static class RealData
{
    /// <summary>MSNBC: one URL segment per category, no bots to filter (the data has no user agents).</summary>
    public static IngestOptions MsnbcIngest => new() { Urls = new UrlNormalizationOptions { Level = UrlLevel.Path, PathSegments = 1 }, Bots = new BotFilterOptions { Enabled = false } };

    /// <summary>Diginetica: <c>item/ID</c> URLs, no bots to filter.</summary>
    public static IngestOptions DigineticaIngest => new() { Urls = new UrlNormalizationOptions { Level = UrlLevel.Path, PathSegments = 2 }, Bots = new BotFilterOptions { Enabled = false } };

    /// <summary>
    /// The first <paramref name="users"/> users of UCI MSNBC (msnbc/msnbc990928.seq) as CSV, and how many the file had.
    /// The file has no timestamps: each user's views get synthetic ones, a minute apart, that only order them.
    /// </summary>
    public static (string Csv, int Users) MsnbcCsv(string shared, int users)
    {
        var lines = File.ReadLines(Path.Combine(shared, "msnbc", "msnbc990928.seq")).ToList();
        var categories = lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var csv = new StringBuilder("client_id,ts,url\n");
        var start = new DateTimeOffset(1999, 9, 28, 0, 0, 0, TimeSpan.Zero);
        var taken = 0;
        foreach (var line in lines.Skip(7))
        {
            if (taken == users)
            {
                break;
            }

            var views = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (views.Length == 0)
            {
                continue;
            }

            for (var i = 0; i < views.Length; i++)
            {
                var category = categories[int.Parse(views[i], CultureInfo.InvariantCulture) - 1];
                csv.Append(CultureInfo.InvariantCulture, $"user{taken},{start.AddMinutes(i):yyyy-MM-ddTHH:mm:ssZ},https://msnbc.com/{category}\n");
            }

            taken++;
        }

        return (csv.ToString(), taken);
    }

    /// <summary>
    /// The Diginetica sample (ecommerce/diginetica-sample-events.csv) as CSV, sessions as clients. The time of an event
    /// is its session's date plus its offset in the session (the data has no time of day); purchases dated after their
    /// session keep that date, as in the source.
    /// </summary>
    public static string DigineticaCsv(string shared)
    {
        var csv = new StringBuilder("client_id,ts,event_type,url\n");
        foreach (var line in File.ReadLines(Path.Combine(shared, "ecommerce", "diginetica-sample-events.csv")).Skip(1))
        {
            var f = line.Split(',');
            var ts = DateTimeOffset.ParseExact(f[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).AddMilliseconds(long.Parse(f[3], CultureInfo.InvariantCulture));
            csv.Append(CultureInfo.InvariantCulture, $"s{f[0]},{ts:yyyy-MM-ddTHH:mm:ss.fffZ},{f[4]},https://shop.diginetica.example/item/{f[5]}\n");
        }

        return csv.ToString();
    }

    /// <summary>
    /// Position-based labels: observe each client's first <paramref name="observed"/> events; at least
    /// <paramref name="minimum"/> positives and negatives; validation and test <paramref name="evaluationShare"/> each.
    /// </summary>
    public static LabelingOptions Positions(int observed, int minimum, double evaluationShare) => new()
    {
        Mode = LabelingMode.Position,
        ObservedEvents = observed,
        MinPositives = minimum,
        MinNegatives = minimum,
        MinPositivesPerEvaluationSplit = Math.Min(10, minimum / 3),
        ValidationShare = evaluationShare,
        TestShare = evaluationShare,
    };

    /// <summary>Ingests the tenant's raw files and builds its sequences, as the pipeline does; returns the sequence store and manifest.</summary>
    public static async Task<(SequenceStore Sequences, SequenceManifest Manifest)> SequencesAsync(IObjectStore store, string tenant, IngestOptions ingest, TimeProvider time)
    {
        await new Ingestor(store, time, NullLogger<Ingestor>.Instance).IngestAsync(tenant, ingest);
        await new SequenceBuilder(store, time, NullLogger<SequenceBuilder>.Instance).UpdateAsync(tenant, new SequenceOptions());
        var sequences = new SequenceStore(store);
        return (sequences, (await sequences.GetManifestAsync(tenant))!);
    }

    /// <summary>An AUC interval as " (lower–upper)", or nothing without one.</summary>
    public static string Interval(AucInterval? interval) =>
        interval is { } i ? string.Create(CultureInfo.InvariantCulture, $" ({i.Lower:0.000}–{i.Upper:0.000})") : string.Empty;
}
