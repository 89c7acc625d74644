namespace Clickcast.Bench;

/// <summary>The sections of docs/benchmarks.md that the benchmarks' <c>--write</c> replaces.</summary>
public static class BenchmarksDocument
{
    /// <summary>
    /// Replaces the text between <c>&lt;!-- name:start --&gt;</c> and <c>&lt;!-- name:end --&gt;</c>, keeping the rest;
    /// without either marker the section is appended between new ones; with only one of them the document is refused
    /// (appending would leave the old section and its stray marker behind).
    /// </summary>
    public static void Replace(string name, string section)
    {
        var path = Repository.BenchmarksDocument;
        var start = $"<!-- {name}:start -->";
        var end = $"<!-- {name}:end -->";
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
        var block = $"{start}\n{section.Trim()}\n{end}";
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        if ((from >= 0) != (to >= 0) || (from >= 0 && to < from))
        {
            throw new InvalidOperationException($"{path}: the section '{name}' has {(from >= 0 ? start : end)} without its pair in order; mend the markers first.");
        }

        text = from >= 0 && to > from ? text[..from] + block + text[(to + end.Length)..] : text.TrimEnd() + "\n\n" + block + "\n";
        File.WriteAllText(path, text);
    }
}
