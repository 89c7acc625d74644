using System.Globalization;
using System.Text;
using Clickcast.Events;

namespace Clickcast.Tests.Ingestion.Sources.Fuzzing;

/// <summary>Small valid files of each text format and of Parquet, the starting points of the fuzz mutants.</summary>
internal static class FuzzSeeds
{
    private static readonly DateTime Start = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);

    public static string Delimited(char delimiter)
    {
        var text = new StringBuilder(string.Join(delimiter, "client_id", "ts", "url", "event_type", "user_agent") + "\n");
        for (var i = 0; i < 12; i++)
        {
            text.Append(string.Join(
                delimiter,
                $"c{i % 3}",
                Start.AddSeconds(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                i == 5 ? "\"https://shop.example.com/a?x=1,2\"" : $"https://shop.example.com/p/{i}?utm_source=x",
                i % 4 == 0 ? "purchase" : "view",
                "Mozilla/5.0 (X11; Linux x86_64)")).Append('\n');
        }

        return text.ToString();
    }

    public static string JsonLines()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 12; i++)
        {
            var ts = (1_764_064_800_000L + (i * 1000)).ToString(CultureInfo.InvariantCulture);
            text.Append("{\"profile\":{\"cid\":\"c" + (i % 3).ToString(CultureInfo.InvariantCulture) + "\"},\"ts\":" + ts
                + ",\"context\":{\"page\":{\"url\":\"https://shop.example.com/p/" + i.ToString(CultureInfo.InvariantCulture)
                + "\",\"referrer\":\"https://www.google.com/\"}},\"event\":\"view\",\"n\":[1,2.5,null,true]}").Append('\n');
        }

        return text.ToString();
    }

    public static string AccessLog()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 12; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"192.0.2.{i % 5} - - [25/Nov/2026:10:00:{i:D2} +0000] \"GET /p/{i}?q=1 HTTP/1.1\" 200 {512 + i} \"https://shop.example.com/\" \"Mozilla/5.0 (X11; Linux x86_64)\"\n");
        }

        return text.ToString();
    }

    public static byte[] Parquet()
    {
        var path = Path.Combine(Path.GetTempPath(), "clickcast-fuzz-" + Guid.NewGuid().ToString("N") + ".parquet");
        try
        {
            var writer = EventFileWriter.CreateAsync("fuzz", path, CancellationToken.None).GetAwaiter().GetResult();
            try
            {
                for (var i = 0; i < 12; i++)
                {
                    var micros = (Start.AddSeconds(i).Ticks - DateTime.UnixEpoch.Ticks) / 10;
                    writer.AddAsync(new ClickEvent($"c{i % 3}", micros, $"https://shop.example.com/p/{i % 4}", "view"), CancellationToken.None).AsTask().GetAwaiter().GetResult();
                }
            }
            finally
            {
                writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
