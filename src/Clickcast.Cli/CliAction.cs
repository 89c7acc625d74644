using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Clickcast.Cli;

/// <summary>Runs a verb with services and turns the failures a user can fix into one clear line.</summary>
internal static class CliAction
{
    public static Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, CancellationToken, Task<int>> action, CancellationToken cancellationToken) =>
        RunAsync(parse, action, null, cancellationToken);

    /// <summary>Runs <paramref name="remote"/> against the server named by --server, else <paramref name="local"/> on the local store.</summary>
    public static async Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, CancellationToken, Task<int>> local, Func<Remote.ApiClient, CancellationToken, Task<int>>? remote, CancellationToken cancellationToken)
    {
        try
        {
            using var client = Remote.ApiClient.From(parse);
            if (client is not null)
            {
                return remote is null
                    ? throw new CliException("this verb works on the local store only: drop --server (and CLICKCAST_SERVER)")
                    : await remote(client, cancellationToken).ConfigureAwait(false);
            }

            await using var services = CliServices.Build(parse);
            // Every start, a restarted worker's first: what crashed clickcast processes left in the temp folder goes.
            Storage.ScratchSweep.RunAtStart(services);
            return await local(services, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] the server cannot be reached: {ex.Message}");
            return 1;
        }
        catch (CliException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return 2;
        }
        catch (ArgumentException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (ex is Microsoft.Extensions.Options.OptionsValidationException or Server.Hosting.SettingsException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]invalid settings:[/] {ex.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[yellow]cancelled[/]");
            return 130;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException or Training.TrainingException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            if (parse.GetValue(GlobalOptions.Verbose))
            {
                AnsiConsole.WriteException(ex);
            }

            return 1;
        }
    }
}
