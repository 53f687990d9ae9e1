using Onnx;

namespace QuiltNet.Graph;

/// <summary>Splits a model at given positions into one ONNX file per stage plus <c>manifest.json</c>.</summary>
public static class ModelSplitter
{
    public static SplitManifest Split(OnnxGraph graph, TensorShapes shapes, IReadOnlyCollection<int> cuts, string outDirectory)
    {
        var extractor = new StageExtractor(graph, shapes);
        var positions = cuts.Distinct().Order().ToList();
        foreach (int position in positions) extractor.Boundary(position); // validates before anything is written
        var bounds = positions.Prepend(0).Append(extractor.NodeCount).ToList();

        string baseName = Path.GetFileNameWithoutExtension(graph.Path);
        var stages = new List<ManifestStage>();
        var models = new List<ModelProto>();
        for (int k = 0; k + 1 < bounds.Count; k++)
        {
            string file = $"{baseName}.stage{k}.onnx";
            models.Add(extractor.Extract(bounds[k], bounds[k + 1], $"{baseName}_stage{k}"));
            stages.Add(new ManifestStage(file, bounds[k], bounds[k + 1],
                extractor.Boundary(bounds[k]).Select(ToManifest).ToList(),
                extractor.Boundary(bounds[k + 1]).Select(ToManifest).ToList()));
        }
        string outFull = Path.GetFullPath(outDirectory);
        var manifest = new SplitManifest(
            Path.GetRelativePath(outFull, graph.Path),
            shapes.Inputs.ToDictionary(i => i.Name, i => i.Shape),
            positions,
            stages);

        AtomicOutput.WriteDirectory(outFull, folder =>
        {
            for (int k = 0; k < models.Count; k++)
                using (var stream = File.Create(Path.Combine(folder, stages[k].File)))
                    Google.Protobuf.MessageExtensions.WriteTo(models[k], stream);
            using var manifestStream = File.Create(Path.Combine(folder, SplitManifest.FileName));
            manifest.Write(manifestStream);
        }, SplitManifest.FileName);
        return manifest;
    }

    private static ManifestTensor ToManifest(TensorInfo t) =>
        new(t.Name, t.ElementType.OnnxName(), t.Shape.Select((d, i) => t.SymbolicDims.ElementAtOrDefault(i) is null ? d : -1).ToList());
}
