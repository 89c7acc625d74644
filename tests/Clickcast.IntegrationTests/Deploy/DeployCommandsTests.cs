using System.Text.RegularExpressions;
using Clickcast.Cli;
using Clickcast.IntegrationTests.Support;
using YamlDotNet.RepresentationModel;

namespace Clickcast.IntegrationTests.Deploy;

/// <summary>
/// Every clickcast command line in deploy/ (systemd ExecStart, the Dockerfile's CMD, compose commands, Kubernetes
/// args) parses with the real command line: verbs and flags that exist.
/// </summary>
public sealed partial class DeployCommandsTests
{
    [Fact]
    public void EveryCommandLine_ParsesWithTheCli()
    {
        var commands = Commands().ToList();

        Assert.True(commands.Count >= 7, $"Found only {commands.Count} command lines: the scan is broken.");
        var root = ClickcastCli.CreateRoot();
        var wrong = commands
            .Select(c => (c.Source, c.Args, Errors: root.Parse(c.Args).Errors))
            .Where(c => c.Errors.Count > 0)
            .Select(c => $"{c.Source}: '{string.Join(' ', c.Args)}': {string.Join("; ", c.Errors.Select(e => e.Message))}")
            .ToList();

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Contains(commands, c => c.Args[0] == "serve");
        Assert.Contains(commands, c => c.Args[0] == "worker");
    }

    private static IEnumerable<(string Source, string[] Args)> Commands()
    {
        foreach (var unit in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Folder, "deploy", "systemd"), "*.service"))
        {
            foreach (var line in File.ReadLines(unit).Where(l => l.StartsWith("ExecStart=", StringComparison.Ordinal)))
            {
                yield return (Path.GetFileName(unit), line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]);
            }
        }

        var dockerfile = File.ReadAllText(Path.Combine(RepositoryRoot.Folder, "deploy", "docker", "Dockerfile"));
        yield return ("Dockerfile", JsonArray().Match(dockerfile).Groups["args"].Value.Split(',').Select(a => a.Trim().Trim('"')).ToArray());

        foreach (var file in new[] { "compose/compose.yaml", "kubernetes/serve.yaml", "kubernetes/workers.yaml" })
        {
            var stream = new YamlStream();
            using var reader = new StringReader(File.ReadAllText(Path.Combine(RepositoryRoot.Folder, "deploy", file)));
            stream.Load(reader);
            foreach (var list in stream.Documents.SelectMany(d => Mappings(d.RootNode)).SelectMany(m => m.Children)
                .Where(p => p.Key is YamlScalarNode { Value: "command" or "args" } && p.Value is YamlSequenceNode)
                .Select(p => (YamlSequenceNode)p.Value))
            {
                var args = list.Children.OfType<YamlScalarNode>().Select(n => n.Value!).ToArray();
                if (args[0] is "serve" or "worker")
                {
                    yield return (file, args);
                }
            }
        }
    }

    private static IEnumerable<YamlMappingNode> Mappings(YamlNode node) => node switch
    {
        YamlMappingNode map => new[] { map }.Concat(map.Children.Values.SelectMany(Mappings)),
        YamlSequenceNode list => list.Children.SelectMany(Mappings),
        _ => [],
    };

    [GeneratedRegex(@"^CMD \[(?<args>[^\]]*)\]", RegexOptions.Multiline)]
    private static partial Regex JsonArray();
}
