using System.Globalization;

namespace Clickcast.Bench;

/// <summary>A benchmark's command-line options: <c>--name value</c> pairs and bare flags.</summary>
public sealed class BenchArguments(IReadOnlyList<string> args)
{
    /// <summary>The value after <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public string Text(string name, string fallback)
    {
        var at = IndexOf(name);
        return at >= 0 && at + 1 < args.Count ? args[at + 1] : fallback;
    }

    /// <summary>The integer after <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public int Number(string name, int fallback) =>
        int.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    /// <summary>Whether the bare flag <paramref name="name"/> is given.</summary>
    public bool Has(string name) => IndexOf(name) >= 0;

    /// <summary>Every comma-separated name after each <paramref name="name"/> (the option may repeat).</summary>
    public IReadOnlySet<string> Names(string name) =>
        args.Select((a, i) => (a, i)).Where(x => x.a == name && x.i + 1 < args.Count)
            .SelectMany(x => args[x.i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);

    private int IndexOf(string name)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
