namespace Clickcast.Tests.Architecture;

/// <summary>Strongly connected groups of more than one namespace (Tarjan's algorithm), each sorted.</summary>
internal static class NamespaceCycles
{
    public static IReadOnlyList<IReadOnlyList<string>> Find(NamespaceGraph graph) =>
        Find(graph.Namespaces.ToDictionary(n => n, n => (IReadOnlyCollection<string>)graph.Uses(n).Keys.ToList(), StringComparer.Ordinal));

    public static IReadOnlyList<IReadOnlyList<string>> Find(IReadOnlyDictionary<string, IReadOnlyCollection<string>> edges)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var groups = new List<IReadOnlyList<string>>();

        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in edges.TryGetValue(v, out var next) ? next : [])
            {
                if (!index.TryGetValue(w, out var seen))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], seen);
                }
            }

            if (low[v] != index[v]) return;
            var group = new List<string>();
            string popped;
            do
            {
                popped = stack.Pop();
                onStack.Remove(popped);
                group.Add(popped);
            }
            while (popped != v);
            if (group.Count > 1) groups.Add(group.Order(StringComparer.Ordinal).ToList());
        }

        foreach (var v in edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(v)) Visit(v);
        }

        return groups;
    }
}
