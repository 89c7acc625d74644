using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Clickcast.Server.Hosting;

/// <summary>
/// How every process writes its log: one line per entry with a UTC timestamp, as text or (<c>Logging:Format</c> =
/// <c>json</c>, <c>--log-format json</c>) as JSON lines for a log shipper.
/// </summary>
public static class ConsoleLogs
{
    /// <summary>The setting that picks the format: <c>text</c> (default) or <c>json</c>.</summary>
    public const string FormatSetting = "Logging:Format";

    private const string Timestamp = "yyyy-MM-ddTHH:mm:ss.fffZ";

    /// <summary>Replaces the console providers with the configured one (standard error for everything when <paramref name="toStandardError"/>).</summary>
    /// <exception cref="SettingsException"><c>Logging:Format</c> is neither <c>text</c> nor <c>json</c>.</exception>
    public static void Add(ILoggingBuilder logging, IConfiguration configuration, bool toStandardError)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(configuration);
        var json = IsJson(configuration[FormatSetting]);
        logging.ClearProviders();
        if (json)
        {
            logging.AddJsonConsole(console =>
            {
                console.UseUtcTimestamp = true;
                console.TimestampFormat = Timestamp;
                console.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
            });
        }
        else
        {
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.UseUtcTimestamp = true;
                console.TimestampFormat = Timestamp + " ";
            });
        }

        if (toStandardError)
        {
            logging.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        }
    }

    /// <summary>Whether <paramref name="format"/> (the setting's value) asks for JSON lines.</summary>
    /// <exception cref="SettingsException">Neither <c>text</c> nor <c>json</c>.</exception>
    public static bool IsJson(string? format) => format?.Trim().ToUpperInvariant() switch
    {
        null or "" or "TEXT" => false,
        "JSON" => true,
        _ => throw new SettingsException($"{FormatSetting} is '{format}': use 'text' or 'json'."),
    };
}
