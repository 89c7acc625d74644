using System.Text.Json;
using Clickcast.Storage;
using Spectre.Console;

namespace Clickcast.Cli;

/// <summary>Tables for people, JSON for scripts: every listing verb goes through here.</summary>
internal static class Output
{
    public static void Write<T>(bool json, T value, Func<T, Table> table)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(value, ClickcastJson.Indented));
            return;
        }

        AnsiConsole.Write(table(value));
    }

    public static Table Table(string title, params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(title.EscapeMarkup());
        foreach (var column in columns)
        {
            table.AddColumn(column);
        }

        return table;
    }

    public static Table Row(this Table table, params object?[] cells)
    {
        table.AddRow(cells.Select(c => new Text(c switch
        {
            null => "-",
            DateTimeOffset time => time.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            double d => d.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => c.ToString() ?? "-",
        })).ToArray());
        return table;
    }
}
