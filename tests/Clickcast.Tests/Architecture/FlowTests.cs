using Clickcast.Storage;

namespace Clickcast.Tests.Architecture;

/// <summary>
/// The domain reads one way: ingest → events → sequences → labels → training → registry → scoring → export, with
/// the foundation (storage, metadata, diagnostics) below every stage and the orchestration (tenant definitions,
/// the pipeline, the generator, the composition root) above them. A namespace may use its own stage and earlier
/// ones, never a later one, and no namespaces may depend on each other in a loop.
/// </summary>
public sealed class FlowTests
{
    /// <summary>Each top-level namespace of the domain and its place in the flow (equal places may not form a loop).</summary>
    private static readonly Dictionary<string, int> Stages = new(StringComparer.Ordinal)
    {
        ["Storage"] = 0, ["Metadata"] = 0, ["Diagnostics"] = 0,
        ["Events"] = 1,
        ["Ingestion"] = 2,
        ["Sequences"] = 3,
        ["Labels"] = 4,
        ["Training"] = 5,
        ["Registry"] = 6,
        ["Scoring"] = 7,
        ["Export"] = 8,
        ["Tenants"] = 9,
        ["Pipeline"] = 10, ["Generation"] = 10,
        [""] = 11,
    };

    private static readonly Lazy<NamespaceGraph> Graph = new(() => NamespaceGraph.Read(typeof(ObjectKey).Assembly.Location, "Clickcast"));

    [Fact]
    public void EveryNamespace_BelongsToAStage()
    {
        var unplaced = Graph.Value.Namespaces.Where(n => !Stages.ContainsKey(StageOf(n))).Order(StringComparer.Ordinal).ToList();

        Assert.True(unplaced.Count == 0, $"Place these namespaces in the flow (FlowTests.Stages and docs/architecture.md): {string.Join(", ", unplaced)}");
    }

    [Fact]
    public void Stages_NeverUseALaterStage()
    {
        var backwards = (
            from user in Graph.Value.Namespaces
            from use in Graph.Value.Uses(user)
            where Stages.TryGetValue(StageOf(user), out var a) && Stages.TryGetValue(StageOf(use.Key), out var b) && a < b
            select $"{user} -> {use.Key}: {use.Value}").Order(StringComparer.Ordinal).ToList();

        Assert.True(backwards.Count == 0, "These uses run against the flow:\n" + string.Join("\n", backwards));
    }

    [Fact]
    public void Namespaces_HaveNoCycles()
    {
        var cycles = NamespaceCycles.Find(Graph.Value);

        Assert.True(cycles.Count == 0, "These namespaces depend on each other in a loop:\n" + string.Join("\n", cycles.Select(c => string.Join(" <-> ", c))));
    }

    [Fact]
    public void NamespaceGraph_SeesUsesInMethodBodiesAndSignatures()
    {
        // The checks above are only as good as the graph: it must see a use that exists only inside a method body
        // (Scorer records metrics) and one in a signature (the scorer takes a trained model version).
        Assert.Contains("Clickcast.Diagnostics", Graph.Value.Uses("Clickcast.Scoring").Keys);
        Assert.Contains("Clickcast.Training", Graph.Value.Uses("Clickcast.Scoring").Keys);
        Assert.Contains("Clickcast.Events", Graph.Value.Uses("Clickcast.Ingestion.Urls").Keys);
    }

    [Fact]
    public void NamespaceCycles_FindsALoop()
    {
        var cycles = NamespaceCycles.Find(new Dictionary<string, IReadOnlyCollection<string>>
        {
            ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"],
        });

        Assert.Equal(["A", "B", "C"], Assert.Single(cycles));
    }

    private static string StageOf(string ns)
    {
        var parts = ns.Split('.');
        return parts.Length > 1 ? parts[1] : string.Empty;
    }
}
