using System.Globalization;

namespace Clickcast.Generation;

public sealed partial class ClickstreamGenerator
{
    /// <summary>
    /// A client of <see cref="GeneratorScenario.RepeatBuyers"/>: sessions spread over the whole window, each a few
    /// product views; a hidden loyalty sets how often a viewed product is carted and a carted one bought (on the same
    /// product URL, event type <c>purchase</c>). Which pages are viewed does not depend on loyalty, so the URLs carry
    /// no signal: the count of past carts and purchases does.
    /// </summary>
    private void RepeatBuyer(int index, Random random, Action<GeneratedClick> emit)
    {
        var clientId = "u" + index.ToString("x8", CultureInfo.InvariantCulture);
        var agent = Browsers[random.Next(Browsers.Length)];
        var loyalty = Math.Pow(random.NextDouble(), 2);
        var startMs = _options.Start.ToUnixTimeMilliseconds();
        var totalMs = _options.Days * 86_400_000L;
        const double Sigma = 1.0;
        var mu = Math.Log(_options.MeanEventsPerClient) - (Sigma * Sigma / 2);
        var sessions = Math.Max(1, (int)Math.Round(Math.Exp(mu + (Sigma * Normal(random))) / 4));
        var starts = Enumerable.Range(0, sessions).Select(_ => startMs + (long)(random.NextDouble() * totalMs)).Order().ToArray();
        var counter = 0;
        foreach (var sessionStart in starts)
        {
            var time = sessionStart;
            string? previous = null;
            var views = 1 + Geometric(random, 0.35);
            for (var v = 0; v < views; v++)
            {
                var url = "https://shop.example.com/product/" + Page(random).ToString(CultureInfo.InvariantCulture);
                Emit("page_view", url);
                if (random.NextDouble() < 0.04 + (0.3 * loyalty))
                {
                    Emit("add_to_cart", url);
                    if (random.NextDouble() < 0.15 + (0.75 * loyalty))
                    {
                        Emit("purchase", url);
                    }
                }
            }

            void Emit(string type, string url)
            {
                if (time >= startMs + totalMs)
                {
                    return;
                }

                emit(Click(clientId, ref counter, time, type, url, previous, agent, startMs));
                previous = url;
                time += ThinkTimeMs(random);
            }
        }
    }
}
