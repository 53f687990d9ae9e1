using Onnx;

namespace QuiltNet.Graph;

/// <summary>
/// Renames the tensors a stage takes and returns, without touching the nodes inside: an Identity from
/// each new input name to the old one, and from each old output to its new name. Hosts that bind data to
/// tensors by name (ML.NET columns) then see the names they chose.
/// </summary>
public static class StageBoundaries
{
    /// <summary>Renames <paramref name="stage"/>'s inputs and outputs by <paramref name="names"/> (old name to new); names not in the map stay.</summary>
    public static void Rename(ModelProto stage, IReadOnlyDictionary<string, string> names)
    {
        var graph = stage.Graph;
        var identities = new List<NodeProto>();
        foreach (var input in graph.Input)
            if (names.TryGetValue(input.Name, out var renamed) && renamed != input.Name)
            {
                identities.Add(new NodeProto { OpType = "Identity", Name = $"quiltnet::in/{renamed}", Input = { renamed }, Output = { input.Name } });
                input.Name = renamed;
            }
        for (int i = identities.Count - 1; i >= 0; i--) graph.Node.Insert(0, identities[i]);
        foreach (var output in graph.Output)
            if (names.TryGetValue(output.Name, out var renamed) && renamed != output.Name)
            {
                graph.Node.Add(new NodeProto { OpType = "Identity", Name = $"quiltnet::out/{renamed}", Input = { output.Name }, Output = { renamed } });
                output.Name = renamed;
            }
    }
}
