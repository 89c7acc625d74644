using System.CommandLine;
using Clickcast.Server.Hosting;
using Clickcast.Server.Security;
using Clickcast.Torch;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clickcast.Cli;

/// <summary>Builds the same service composition the server uses, from the same settings, for every verb.</summary>
internal static class CliServices
{
    /// <summary>The services of a verb: settings from <see cref="Configuration"/>, Clickcast, the GRU family, secrets.</summary>
    public static ServiceProvider Build(ParseResult parse, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var verbose = parse.GetValue(GlobalOptions.Verbose);

        // 'train' runs for minutes: each family and GRU epoch is its progress, shown without -v.
        var showsProgress = parse.CommandResult.Command.Name == "train";
        var configuration = Configuration(parse, environment);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging =>
        {
            // Logs go to standard error so tables and JSON on standard output stay clean.
            Server.Hosting.ConsoleLogs.Add(logging, configuration, toStandardError: true);
            logging.AddFilter((category, level) => level >= (verbose ? LogLevel.Information : LogLevel.Warning) || (showsProgress && level >= LogLevel.Information && IsTraining(category)));
        });
        services.AddClickcast();
        services.AddClickcastSettings(configuration);
        if (parse.CommandResult.Command.Name is "run" or "demo")
        {
            // A single pass senses every file first: there is no burst to wait for, so no debounce either.
            services.PostConfigure<Pipeline.PipelineOptions>(options => options.SequencesDebounce = TimeSpan.Zero);
        }

        services.AddClickcastTorch();
        services.AddClickcastSecrets();
        return services.BuildServiceProvider();
    }

    private static bool IsTraining(string? category) =>
        category is not null && (category.StartsWith("Clickcast.Training.", StringComparison.Ordinal) || category.StartsWith("Clickcast.Torch.", StringComparison.Ordinal));

    /// <summary>
    /// The settings of every verb, serve included: <c>--settings FILE</c> or <c>./clickcast.json</c>, then
    /// <c>CLICKCAST_</c> variables, then <see cref="Overrides"/>.
    /// </summary>
    public static IConfigurationRoot Configuration(ParseResult parse, IReadOnlyDictionary<string, string?>? environment = null) =>
        ClickcastSettings.Build(parse.GetValue(GlobalOptions.Settings)?.FullName, null, Overrides(parse), environment);

    /// <summary>The settings the command line gave: only flags that were actually typed, never their defaults.</summary>
    public static Dictionary<string, string?> Overrides(ParseResult parse)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (parse.GetResult(GlobalOptions.Data) is { Implicit: false } && parse.GetValue(GlobalOptions.Data) is { Length: > 0 } data)
        {
            overrides["DataPath"] = Path.GetFullPath(data);
        }

        if (parse.GetValue(GlobalOptions.LogFormat) is { Length: > 0 } format)
        {
            overrides[Server.Hosting.ConsoleLogs.FormatSetting] = format;
        }

        return overrides;
    }
}
