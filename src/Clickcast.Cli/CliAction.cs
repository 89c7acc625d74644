using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Clickcast.Cli;

/// <summary>Runs a verb with services and turns the failures a user can fix into one clear line.</summary>
internal static class CliAction
{
    public static async Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        try
        {
            await using var services = CliServices.Build(parse);
            return await action(services, cancellationToken).ConfigureAwait(false);
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
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
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
