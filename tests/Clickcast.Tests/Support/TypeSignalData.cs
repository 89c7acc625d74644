using Clickcast.Labels;

namespace Clickcast.Tests.Support;

/// <summary>
/// Seeded examples where only the event type carries the signal: every client visits uniformly random URLs at
/// random times, a hidden propensity sets how many of its events are carts and purchases, and the label follows the
/// propensity. A model that cannot see types is at chance.
/// </summary>
internal static class TypeSignalData
{
    public const long CutoffMicros = 1_793_491_200_000_000L; // 2026-11-01 UTC

    public static LabeledDataset Build(int clients, int seed)
    {
        var random = new Random(seed);
        var examples = new List<LabeledExample>(clients);
        for (var c = 0; c < clients; c++)
        {
            var propensity = random.NextDouble();
            var n = 4 + random.Next(27);
            var urls = new string[n];
            var times = new long[n];
            var types = new string[n];
            var start = CutoffMicros - ((long)(random.NextDouble() * 28 * 86_400) * 1_000_000);
            for (var i = 0; i < n; i++)
            {
                urls[i] = "shop.example.com/p/" + random.Next(60);
                times[i] = start + ((long)(random.NextDouble() * (CutoffMicros - start) / 1_000_000) * 1_000_000);
                var roll = random.NextDouble();
                types[i] = roll < 0.05 + (0.35 * propensity) ? "add_to_cart" : roll < 0.07 + (0.45 * propensity) ? "purchase" : "page_view";
            }

            Array.Sort(times);
            var label = random.NextDouble() < (propensity > 0.6 ? 0.93 : 0.03);
            var split = (c % 10) switch { < 6 => DatasetSplit.Train, < 8 => DatasetSplit.Validation, _ => DatasetSplit.Test };
            examples.Add(new LabeledExample("c" + c, (ulong)c, split, label, urls, times, types));
        }

        var summary = new DatasetSummary
        {
            Mode = LabelingMode.Time,
            Cutoff = DateTimeOffset.FromUnixTimeMilliseconds(CutoffMicros / 1000),
            Horizon = TimeSpan.FromDays(7),
            Target = "event type purchase",
            ClientsSeen = clients,
            Examples = examples.GroupBy(e => e.Split).ToDictionary(g => g.Key, g => (long)g.Count()),
            Positives = examples.GroupBy(e => e.Split).ToDictionary(g => g.Key, g => (long)g.Count(e => e.Label)),
        };
        return new LabeledDataset(examples, summary);
    }
}
