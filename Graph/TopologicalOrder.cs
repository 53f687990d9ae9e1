using Onnx;

namespace QuiltNet.Graph;

/// <summary>Orders nodes so every tensor is produced before it is consumed, keeping file order where it already is.</summary>
internal static class TopologicalOrder
{
    public static IReadOnlyList<NodeProto> Sort(GraphProto graph, string path)
    {
        var available = new HashSet<string>(graph.Input.Select(i => i.Name).Concat(graph.Initializer.Select(t => t.Name))) { "" };
        var producedBy = new Dictionary<string, int>();
        for (int i = 0; i < graph.Node.Count; i++)
            foreach (var output in graph.Node[i].Output)
                producedBy[output] = i;

        var pending = new List<int>(Enumerable.Range(0, graph.Node.Count));
        var order = new List<NodeProto>(graph.Node.Count);
        while (pending.Count > 0)
        {
            int before = pending.Count;
            // Repeated passes over the pending nodes keep the file's order for already sorted graphs (one pass).
            var still = new List<int>();
            foreach (int index in pending)
            {
                var node = graph.Node[index];
                if (Needs(node).All(available.Contains))
                {
                    order.Add(node);
                    foreach (var output in node.Output) available.Add(output);
                }
                else
                {
                    still.Add(index);
                }
            }
            pending = still;
            if (pending.Count == before)
            {
                var node = graph.Node[pending[0]];
                string missing = Needs(node).First(n => !available.Contains(n));
                string problem = producedBy.ContainsKey(missing)
                    ? $"the graph has a cycle through tensor '{missing}'"
                    : $"node '{node.Name}' ({node.OpType}) reads tensor '{missing}', which nothing produces";
                throw new QuiltNetException(path, problem);
            }
        }
        return order;
    }

    private static IEnumerable<string> Needs(NodeProto node) => node.Input.Concat(Subgraphs.OuterReferences(node));
}
