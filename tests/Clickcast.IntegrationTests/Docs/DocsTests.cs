using System.CommandLine;
using System.Text.RegularExpressions;
using Clickcast.Cli;
using Clickcast.IntegrationTests.Support;

namespace Clickcast.IntegrationTests.Docs;

/// <summary>
/// The documentation points at things that exist: every relative link of README, DEVELOPERS and docs/*.md, every
/// repository path they name in backticks, and every CLI verb (and sub-verb) of the README's command table.
/// </summary>
public sealed partial class DocsTests
{
    public static TheoryData<string> Documents() => new(
        new[] { "README.md", "DEVELOPERS.md" }
            .Concat(Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Folder, "docs"), "*.md", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(RepositoryRoot.Folder, f)))
            .Select(f => f.Replace('\\', '/'))
            .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Documents))]
    public void Links_PointAtFilesThatExist(string document)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Folder, document));
        var folder = Path.GetDirectoryName(Path.Combine(RepositoryRoot.Folder, document))!;

        var broken = MarkdownLink().Matches(text)
            .Select(m => m.Groups["target"].Value)
            .Where(t => !t.Contains("://", StringComparison.Ordinal) && !t.StartsWith('#') && !t.StartsWith("mailto:", StringComparison.Ordinal))
            .Select(t => t.Split('#')[0])
            .Where(t => t.Length > 0 && !Path.Exists(Path.Combine(folder, t)))
            .ToList();

        Assert.True(broken.Count == 0, $"{document} links to missing files: {string.Join(", ", broken)}");
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void RepositoryPaths_InBackticks_Exist(string document)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Folder, document));

        var missing = RepositoryPath().Matches(text)
            .Select(m => m.Groups["path"].Value.TrimEnd('/', '.', ','))
            .Where(p => !p.Contains('*', StringComparison.Ordinal) && !p.Contains('{', StringComparison.Ordinal) && !p.Contains('<', StringComparison.Ordinal) && !p.Contains("NNNN", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Where(p => !Path.Exists(Path.Combine(RepositoryRoot.Folder, p)))
            .ToList();

        Assert.True(missing.Count == 0, $"{document} names paths that do not exist: {string.Join(", ", missing)}");
    }

    [Fact]
    public void BenchmarkSections_HaveTheirStartAndEndMarkersInOrder()
    {
        // A bench's --write replaces the text between its markers; a lone marker makes it append a second section.
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Folder, "docs", "benchmarks.md"));
        var names = SectionMarker().Matches(text).Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal).ToList();

        var broken = names
            .Where(n =>
            {
                var start = text.IndexOf($"<!-- {n}:start -->", StringComparison.Ordinal);
                var end = text.IndexOf($"<!-- {n}:end -->", StringComparison.Ordinal);
                return start < 0 || end < start || text.IndexOf($"<!-- {n}:start -->", start + 1, StringComparison.Ordinal) >= 0;
            })
            .ToList();

        Assert.NotEmpty(names);
        Assert.True(broken.Count == 0, $"docs/benchmarks.md sections without a start marker, or out of order: {string.Join(", ", broken)}");
    }

    [Fact]
    public void ReadmeCommandTable_NamesOnlyVerbsTheCliHas()
    {
        var root = ClickcastCli.CreateRoot();
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot.Folder, "README.md"));
        var rows = readme.Where(l => l.StartsWith("| `", StringComparison.Ordinal)).Select(l => l.Split('`')[1]).ToList();

        Assert.True(rows.Count >= 10, $"The README's command table has only {rows.Count} rows: the parse is broken.");
        var unknown = new List<string>();
        foreach (var row in rows)
        {
            foreach (var verbs in row.Split(", ").Select(v => v.Trim('`', ' ')))
            {
                var words = verbs.Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeWhile(w => !w.StartsWith('-') && w.All(c => char.IsLower(c) || c == '-' || c == '|' || c == '/'));
                Command command = root;
                foreach (var word in words)
                {
                    var alternatives = word.Split('|', '/');
                    var next = alternatives.Select(a => command.Subcommands.FirstOrDefault(c => c.Name == a)).ToList();
                    if (next.Any(n => n is null))
                    {
                        unknown.Add($"{verbs} ({string.Join(", ", alternatives.Where((a, i) => next[i] is null))})");
                        break;
                    }

                    if (alternatives.Length > 1)
                    {
                        break;
                    }

                    command = next[0]!;
                }
            }
        }

        Assert.True(unknown.Count == 0, "The README names verbs the CLI does not have: " + string.Join("; ", unknown));
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"`(?<path>(?:src|tests|bench|docs|build)/[A-Za-z0-9_./*{}<>-]+)`")]
    private static partial Regex RepositoryPath();

    [GeneratedRegex(@"<!-- (?<name>[a-z0-9-]+):(start|end) -->")]
    private static partial Regex SectionMarker();
}
