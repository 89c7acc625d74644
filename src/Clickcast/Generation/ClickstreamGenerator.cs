using System.Globalization;

namespace Clickcast.Generation;

/// <summary>
/// A seeded synthetic clickstream with the features that make real ones hard: power-law page popularity, sessions
/// with log-normal think times, heavy-tailed activity per client, a funnel (product → cart → checkout) whose
/// conversion depends on a hidden per-client propensity, a few bots and some junk rows.
/// </summary>
/// <remarks>
/// The target action for demos and tests is a visit to <c>shop.example.com/checkout</c> (event type
/// <c>purchase</c>). Clients with a high hidden propensity browse product pages and carts more, so the chain
/// carries real signal a model can learn, and the signal builds up over time as it does on real sites.
/// </remarks>
public sealed partial class ClickstreamGenerator
{
    private static readonly string[] Browsers =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0",
    ];

    private static readonly string[] Crawlers =
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
    ];

    private static readonly string[] Sections = ["news.example.com", "shop.example.com/catalog", "blog.example.com", "help.example.com"];

    private readonly GeneratorOptions _options;
    private readonly double[] _pageCdf;

    public ClickstreamGenerator(GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _pageCdf = ZipfCdf(options.Pages, options.ZipfExponent);
    }

    /// <summary>Names of the target for demos: the checkout page, also marked with event type <c>purchase</c>.</summary>
    public const string TargetUrl = "shop.example.com/checkout";

    /// <summary>
    /// Generates every client's events, client by client (not in global time order; each client's events are in
    /// time order). Calls <paramref name="emit"/> once per event.
    /// </summary>
    public void Generate(Action<GeneratedClick> emit)
    {
        ArgumentNullException.ThrowIfNull(emit);
        var bots = (int)Math.Round(_options.Clients * _options.BotShare);
        for (var c = 0; c < _options.Clients + bots; c++)
        {
            // One generator per client, seeded from the run's seed: the stream is reproducible and a client's
            // events do not depend on how many clients came before it.
            // (HashCode.Combine would differ per process; this mix is fixed.)
            var random = new Random(unchecked((_options.Seed * 1_000_003) + c));
            if (c < _options.Clients && _options.Scenario == GeneratorScenario.RepeatBuyers)
            {
                RepeatBuyer(c, random, emit);
            }
            else if (c < _options.Clients)
            {
                Human(c, random, emit);
            }
            else
            {
                Bot(c, random, emit, _options);
            }
        }
    }

    private void Human(int index, Random random, Action<GeneratedClick> emit)
    {
        var clientId = "u" + index.ToString("x8", CultureInfo.InvariantCulture);
        var counter = 0;
        var agent = Browsers[random.Next(Browsers.Length)];

        // Heavy-tailed activity: log-normal events per client with the configured mean.
        const double Sigma = 1.0;
        var mu = Math.Log(_options.MeanEventsPerClient) - (Sigma * Sigma / 2);
        var target = Math.Max(1, (int)Math.Round(Math.Exp(mu + (Sigma * Normal(random)))));

        // Hidden propensity: most clients browse, a few shop.
        var propensity = Math.Pow(random.NextDouble(), 3);
        var totalMs = _options.Days * 86_400_000L;
        var startMs = _options.Start.ToUnixTimeMilliseconds();
        var time = startMs + (long)(random.NextDouble() * totalMs * 0.5);

        // Spread the client's sessions over the rest of the window (mean session: 4 events), so most of its
        // events fall inside it and the mean number of events per client is close to the configured one.
        var gapMean = (startMs + totalMs - time) / ((target / 4.0) + 1);
        var emitted = 0;
        var interest = 0.0; // grows with product and cart views: conversion builds up over time
        while (emitted < target)
        {
            var sessionLength = 1 + Geometric(random, 0.25);
            string? previous = null;
            for (var s = 0; s < sessionLength && emitted < target; s++)
            {
                string url, type = "page_view";
                var roll = random.NextDouble();
                if (roll < 0.15 + (0.5 * propensity))
                {
                    url = "https://shop.example.com/product/" + Page(random).ToString(CultureInfo.InvariantCulture);
                    interest += propensity;
                }
                else if (roll < 0.18 + (0.6 * propensity) && interest > 0.5)
                {
                    url = "https://shop.example.com/cart";
                    type = "add_to_cart";
                    interest += 2 * propensity;
                }
                else
                {
                    var section = Sections[random.Next(Sections.Length)];
                    url = "https://" + section + "/" + Page(random).ToString(CultureInfo.InvariantCulture);
                }

                if (interest > 2 && random.NextDouble() < 0.3 * propensity)
                {
                    url = "https://shop.example.com/checkout";
                    type = "purchase";
                    interest = 0;
                }

                url = Decorate(url, random);
                if (time >= startMs + totalMs)
                {
                    return;
                }

                emit(Junk(random) ?? Click(clientId, ref counter, time, type, url, previous, agent, startMs));
                previous = url;
                emitted++;
                time += ThinkTimeMs(random);
            }

            // Gap between sessions: exponential.
            time += (long)(-Math.Log(1 - random.NextDouble()) * gapMean);
        }

        GeneratedClick? Junk(Random r)
        {
            if (r.NextDouble() >= _options.JunkShare)
            {
                return null;
            }

            var day = (int)((time - startMs) / 86_400_000L);
            var id = clientId + "-" + (counter++).ToString(CultureInfo.InvariantCulture);
            return r.Next(4) switch
            {
                0 => new GeneratedClick(id, string.Empty, time, "page_view", "https://news.example.com/1", null, agent, day),
                1 => new GeneratedClick(id, clientId, time, "page_view", "ht!tp:/ broken url", null, agent, day),
                2 => new GeneratedClick(id, clientId, time, "page_view", "https://cdn.example.com/static/app.js?v=3", null, agent, day),
                _ => new GeneratedClick(id, clientId, time, "page_view", "https://www.google-analytics.com/collect?v=1", null, agent, day),
            };
        }
    }

    private static void Bot(int index, Random random, Action<GeneratedClick> emit, GeneratorOptions options)
    {
        var clientId = "b" + index.ToString("x8", CultureInfo.InvariantCulture);
        var counter = 0;
        var agent = Crawlers[random.Next(Crawlers.Length)];
        var startMs = options.Start.ToUnixTimeMilliseconds();
        var totalMs = options.Days * 86_400_000L;
        var interval = 60_000L * (1 + random.Next(30));
        var count = (int)Math.Min(totalMs / interval, options.MeanEventsPerClient * 20);
        for (var i = 0; i < count; i++)
        {
            var time = startMs + (i * interval);
            var section = Sections[random.Next(Sections.Length)];
            emit(Click(clientId, ref counter, time, "page_view", "https://" + section + "/" + random.Next(options.Pages).ToString(CultureInfo.InvariantCulture), null, agent, startMs));
        }
    }

    /// <summary>Adds what real URLs carry: www., tracking parameters, fragments.</summary>
    /// <summary>A client's next click: its id is the client's id and a running count, its day the one of the window it falls on.</summary>
    private static GeneratedClick Click(string clientId, ref int counter, long time, string type, string url, string? previous, string agent, long startMs) =>
        new(clientId + "-" + (counter++).ToString(CultureInfo.InvariantCulture), clientId, time, type, url, previous, agent, (int)((time - startMs) / 86_400_000L));

    /// <summary>Think time between two clicks of a session, in ms: log-normal, median about 30 s.</summary>
    private static long ThinkTimeMs(Random random) => (long)(1000 * Math.Exp(Math.Log(30) + Normal(random)));

    private static string Decorate(string url, Random random)
    {
        var roll = random.Next(20);
        return roll switch
        {
            0 => url.Replace("https://", "https://www.", StringComparison.Ordinal),
            1 => url + "?utm_source=newsletter&utm_medium=email",
            2 => url + "?gclid=" + random.Next().ToString("x", CultureInfo.InvariantCulture),
            3 => url + "#comments",
            _ => url,
        };
    }

    private int Page(Random random)
    {
        var index = Array.BinarySearch(_pageCdf, random.NextDouble());
        return index < 0 ? ~index : index;
    }

    private static double[] ZipfCdf(int pages, double exponent)
    {
        var cdf = new double[pages];
        var sum = 0.0;
        for (var k = 0; k < pages; k++)
        {
            sum += 1 / Math.Pow(k + 1, exponent);
            cdf[k] = sum;
        }

        for (var k = 0; k < pages; k++)
        {
            cdf[k] /= sum;
        }

        return cdf;
    }

    private static int Geometric(Random random, double p) => (int)Math.Floor(Math.Log(1 - random.NextDouble()) / Math.Log(1 - p));

    private static double Normal(Random random)
    {
        // Box–Muller: one value per call keeps the generator stateless per client.
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
