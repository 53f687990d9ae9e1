using Onnx;

namespace QuiltNet.Graph;

/// <summary>Names that control-flow bodies (If, Loop, Scan) read from the enclosing graph.</summary>
internal static class Subgraphs
{
    public static IEnumerable<string> OuterReferences(NodeProto node)
    {
        foreach (var attribute in node.Attribute)
        {
            if (attribute.G is not null)
                foreach (var name in OuterReferences(attribute.G)) yield return name;
            foreach (var graph in attribute.Graphs)
                foreach (var name in OuterReferences(graph)) yield return name;
        }
    }

    private static IEnumerable<string> OuterReferences(GraphProto graph)
    {
        var local = new HashSet<string>(graph.Input.Select(i => i.Name).Concat(graph.Initializer.Select(t => t.Name)));
        foreach (var node in graph.Node)
            foreach (var output in node.Output) local.Add(output);
        foreach (var node in graph.Node)
        {
            foreach (var input in node.Input.Where(i => i.Length > 0 && !local.Contains(i)))
                yield return input;
            foreach (var name in OuterReferences(node).Where(n => !local.Contains(n)))
                yield return name;
        }
    }
}
