namespace QuiltNet.Graph;

/// <summary>
/// For every position 0..n the frontier: tensors produced before it (model inputs count as produced
/// before position 0) that a node at or after it reads, or that are model outputs. Frontier 0 is what
/// the model is fed, frontier n what it returns; constants never cross.
/// </summary>
internal sealed class Frontiers
{
    private readonly List<string>[] _at;

    public Frontiers(OnnxGraph graph)
    {
        int n = graph.Nodes.Count;
        var produced = new Dictionary<string, int>();
        var order = new List<string>();
        foreach (var input in graph.Inputs) { produced[input] = -1; order.Add(input); }
        foreach (var node in graph.Nodes)
            foreach (var output in node.Outputs.Where(o => o.Length > 0))
            { produced[output] = node.Position; order.Add(output); }

        var lastUse = new Dictionary<string, int>();
        foreach (var node in graph.Nodes)
            foreach (var input in node.Inputs.Concat(Subgraphs.OuterReferences(node.Proto)))
                if (produced.ContainsKey(input)) lastUse[input] = node.Position;
        foreach (var output in graph.Outputs)
            if (produced.ContainsKey(output)) lastUse[output] = n;

        _at = new List<string>[n + 1];
        for (int p = 0; p <= n; p++) _at[p] = [];
        foreach (string tensor in order)
        {
            if (!lastUse.TryGetValue(tensor, out int last)) continue;
            for (int p = produced[tensor] + 1; p <= last; p++) _at[p].Add(tensor);
        }
    }

    public int NodeCount => _at.Length - 1;

    public IReadOnlyList<string> At(int position) => _at[position];
}
