using YamlDotNet.RepresentationModel;

namespace Clickcast.Tests.Deploy;

/// <summary>The repository's <c>deploy/</c> folder, read as an operator's tools would: YAML documents and text.</summary>
internal static class DeployFiles
{
    private static readonly Lazy<string> RootFolder = new(FindRoot);

    public static string Root => RootFolder.Value;

    public static string Folder => Path.Combine(Root, "deploy");

    /// <summary>Every file under deploy/, as paths relative to the repository root.</summary>
    public static IReadOnlyList<string> All() =>
        Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("__pycache__", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<string> Yaml() => All().Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)).ToList();

    public static string Text(string relative) => File.ReadAllText(Path.Combine(Root, relative));

    /// <summary>The YAML documents of one file (a file may hold several, separated by <c>---</c>).</summary>
    public static IReadOnlyList<YamlMappingNode> Documents(string relative)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(Text(relative));
        stream.Load(reader);
        return stream.Documents.Select(d => d.RootNode as YamlMappingNode ?? throw new InvalidDataException($"{relative}: a document is not a mapping")).ToList();
    }

    /// <summary>Every mapping in the tree under <paramref name="node"/>, itself included.</summary>
    public static IEnumerable<YamlMappingNode> Mappings(YamlNode node) => node switch
    {
        YamlMappingNode map => new[] { map }.Concat(map.Children.Values.SelectMany(Mappings)),
        YamlSequenceNode list => list.Children.SelectMany(Mappings),
        _ => [],
    };

    public static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    public static YamlMappingNode? Map(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Clickcast.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (Clickcast.slnx) is not above " + AppContext.BaseDirectory);
    }
}
