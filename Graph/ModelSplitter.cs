using Onnx;
using QuiltNet.Graph.Bottlenecks;

namespace QuiltNet.Graph;

/// <summary>
/// Splits a model at given positions into one ONNX file per stage plus <c>manifest.json</c>; with
/// bottlenecks, each compressed cut's encoder is fused into the stage before it and its decoder into
/// the stage after.
/// </summary>
public static class ModelSplitter
{
    /// <param name="bottlenecks">Per cut position, the fitted autoencoders of (some of) its frontier tensors.</param>
    /// <param name="graph">The model.</param>
    /// <param name="shapes">Its tensors' shapes.</param>
    /// <param name="cuts">The cut positions; each must be a candidate cut.</param>
    /// <param name="outDirectory">The folder for the stage files and manifest.json; written atomically.</param>
    public static SplitManifest Split(OnnxGraph graph, TensorShapes shapes, IReadOnlyCollection<int> cuts, string outDirectory,
        IReadOnlyDictionary<int, IReadOnlyList<BottleneckWeights>>? bottlenecks = null)
    {
        var positions = cuts.Distinct().Order().ToList();
        var models = Stages(graph, shapes, positions, bottlenecks);
        var bounds = positions.Prepend(0).Append(graph.Nodes.Count).ToList();
        string baseName = Path.GetFileNameWithoutExtension(graph.Path);
        var bytes = models.Select(Google.Protobuf.MessageExtensions.ToByteArray).ToList();
        var codeBits = CodeBits(positions, bottlenecks);
        var stages = models.Select((m, k) => new ManifestStage($"{baseName}.stage{k}.onnx", bounds[k], bounds[k + 1],
            m.Graph.Input.Select(v => ToManifest(v, codeBits)).ToList(), m.Graph.Output.Select(v => ToManifest(v, codeBits)).ToList(),
            ManifestStage.Hash(bytes[k]))).ToList();
        string outFull = Path.GetFullPath(outDirectory);
        var manifest = new SplitManifest(
            Path.GetRelativePath(outFull, graph.Path),
            shapes.Inputs.ToDictionary(i => i.Name, i => i.Shape),
            positions,
            stages);

        AtomicOutput.WriteDirectory(outFull, folder =>
        {
            for (int k = 0; k < models.Count; k++)
                File.WriteAllBytes(Path.Combine(folder, stages[k].File), bytes[k]);
            using var manifestStream = File.Create(Path.Combine(folder, SplitManifest.FileName));
            manifest.Write(manifestStream);
        }, SplitManifest.FileName);
        return manifest;
    }

    /// <summary>The stage models in pipeline order, bottlenecks fused; validates every cut before building any.</summary>
    public static IReadOnlyList<ModelProto> Stages(OnnxGraph graph, TensorShapes shapes, IReadOnlyList<int> positions,
        IReadOnlyDictionary<int, IReadOnlyList<BottleneckWeights>>? bottlenecks = null)
    {
        var extractor = new StageExtractor(graph, shapes);
        foreach (int position in positions) extractor.Boundary(position);
        var bounds = positions.Prepend(0).Append(extractor.NodeCount).ToList();
        string baseName = Path.GetFileNameWithoutExtension(graph.Path);
        var models = new List<ModelProto>();
        for (int k = 0; k + 1 < bounds.Count; k++)
            models.Add(extractor.Extract(bounds[k], bounds[k + 1], $"{baseName}_stage{k}"));
        for (int k = 0; k < positions.Count; k++)
        {
            if (bottlenecks?.GetValueOrDefault(positions[k]) is not { } fitted) continue;
            foreach (var weights in fitted)
            {
                BottleneckEmitter.AppendEncoder(models[k], weights, positions[k]);
                BottleneckEmitter.PrependDecoder(models[k + 1], weights, positions[k]);
            }
        }
        return models;
    }

    /// <summary>Code tensor name → the bits per element its link carries, for every fitted autoencoder at a cut.</summary>
    private static Dictionary<string, int> CodeBits(IReadOnlyList<int> positions, IReadOnlyDictionary<int, IReadOnlyList<BottleneckWeights>>? bottlenecks) =>
        positions.SelectMany(p => (bottlenecks?.GetValueOrDefault(p) ?? []).Select(w => (Name: BottleneckEmitter.CodeName(w.Tensor, p), w.Option.Bits)))
            .ToDictionary(c => c.Name, c => c.Bits);

    private static ManifestTensor ToManifest(ValueInfoProto value, IReadOnlyDictionary<string, int> codeBits)
    {
        var tensor = value.Type.TensorType;
        var type = (ElementType)tensor.ElemType;
        var dims = tensor.Shape?.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? d.DimValue : -1L).ToList() ?? [];
        int? bits = codeBits.TryGetValue(value.Name, out int b) && b < type.Bits() ? b : null;
        return new ManifestTensor(value.Name, type.OnnxName(), dims, bits);
    }
}
