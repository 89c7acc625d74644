using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Clickcast.Tests.Architecture;

/// <summary>
/// Which namespaces of an assembly use which others, read from its compiled types: signatures, attributes,
/// generic arguments and every type, method and field that a method body names (lambdas and async state
/// machines are nested types, so they count for the type that wrote them).
/// </summary>
internal sealed class NamespaceGraph
{
    private readonly Dictionary<string, Dictionary<string, string>> _edges = new(StringComparer.Ordinal);

    private NamespaceGraph() { }

    /// <summary>Every namespace of the assembly's own types under the root that was read.</summary>
    public IReadOnlyCollection<string> Namespaces => _edges.Keys;

    /// <summary>Namespaces <paramref name="from"/> uses, each with one type that shows the use.</summary>
    public IReadOnlyDictionary<string, string> Uses(string from) =>
        _edges.TryGetValue(from, out var to) ? to : new Dictionary<string, string>();

    public static NamespaceGraph Read(string assemblyPath, string root)
    {
        var graph = new NamespaceGraph();
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        foreach (var type in module.GetTypes())
        {
            var from = NamespaceOf(type);
            if (!InRoot(from, root)) continue;
            var uses = graph.EdgesOf(from);
            foreach (var used in ReferencedTypes(type))
            {
                var to = NamespaceOf(used);
                if (to != from && InRoot(to, root) && used.Scope == module) uses.TryAdd(to, $"{type.FullName} uses {used.FullName}");
            }
        }
        return graph;
    }

    private Dictionary<string, string> EdgesOf(string from)
    {
        if (!_edges.TryGetValue(from, out var uses)) _edges[from] = uses = new(StringComparer.Ordinal);
        return uses;
    }

    private static bool InRoot(string ns, string root) => ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);

    private static string NamespaceOf(TypeReference type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type.Namespace;
    }

    private static IEnumerable<TypeReference> ReferencedTypes(TypeDefinition type)
    {
        if (type.BaseType is not null) foreach (var t in Expand(type.BaseType)) yield return t;
        foreach (var i in type.Interfaces) foreach (var t in Expand(i.InterfaceType)) yield return t;
        foreach (var t in Attributes(type.CustomAttributes)) yield return t;
        foreach (var field in type.Fields)
        {
            foreach (var t in Expand(field.FieldType)) yield return t;
            foreach (var t in Attributes(field.CustomAttributes)) yield return t;
        }
        foreach (var property in type.Properties)
        {
            foreach (var t in Expand(property.PropertyType)) yield return t;
            foreach (var t in Attributes(property.CustomAttributes)) yield return t;
        }
        foreach (var method in type.Methods)
        {
            foreach (var t in Expand(method.ReturnType)) yield return t;
            foreach (var p in method.Parameters) foreach (var t in Expand(p.ParameterType)) yield return t;
            foreach (var t in Attributes(method.CustomAttributes)) yield return t;
            if (!method.HasBody) continue;
            foreach (var v in method.Body.Variables) foreach (var t in Expand(v.VariableType)) yield return t;
            foreach (var instruction in method.Body.Instructions)
                foreach (var t in Operand(instruction)) yield return t;
        }
    }

    private static IEnumerable<TypeReference> Operand(Instruction instruction) => instruction.Operand switch
    {
        TypeReference t => Expand(t),
        MethodReference m => Expand(m.DeclaringType).Concat(Expand(m.ReturnType))
            .Concat(m is GenericInstanceMethod g ? g.GenericArguments.SelectMany(Expand) : []),
        FieldReference f => Expand(f.DeclaringType).Concat(Expand(f.FieldType)),
        _ => [],
    };

    private static IEnumerable<TypeReference> Attributes(IEnumerable<CustomAttribute> attributes) =>
        attributes.SelectMany(a => Expand(a.AttributeType));

    private static IEnumerable<TypeReference> Expand(TypeReference type)
    {
        switch (type)
        {
            case GenericInstanceType generic:
                foreach (var t in Expand(generic.ElementType)) yield return t;
                foreach (var argument in generic.GenericArguments) foreach (var t in Expand(argument)) yield return t;
                break;
            case TypeSpecification spec:
                foreach (var t in Expand(spec.ElementType)) yield return t;
                break;
            case GenericParameter:
                break;
            default:
                yield return type;
                break;
        }
    }
}
