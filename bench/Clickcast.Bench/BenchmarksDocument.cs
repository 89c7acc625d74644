namespace Clickcast.Bench;

/// <summary>The sections of docs/benchmarks.md that the benchmarks' <c>--write</c> replaces.</summary>
public static class BenchmarksDocument
{
    /// <summary>
    /// Replaces the text between <c>&lt;!-- name:start --&gt;</c> and <c>&lt;!-- name:end --&gt;</c>, keeping the rest;
    /// without both markers the section is appended between new ones.
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
        text = from >= 0 && to > from ? text[..from] + block + text[(to + end.Length)..] : text.TrimEnd() + "\n\n" + block + "\n";
        File.WriteAllText(path, text);
    }
}
