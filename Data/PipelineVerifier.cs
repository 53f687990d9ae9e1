using QuiltNet.Data.Metrics;
using QuiltNet.Graph;

namespace QuiltNet.Data;

/// <summary>Runs the original model and the chain of stages of a split on the same inputs and compares outputs.</summary>
public static class PipelineVerifier
{
    private const int DataBatch = 50;

    /// <param name="data">Samples to feed (labelled ones also give both accuracies); null feeds <paramref name="samples"/> seeded random batches of the bound shapes.</param>
    /// <param name="directory">A folder written by a split: the stage files and manifest.json.</param>
    /// <param name="samples">How many inputs to compare.</param>
    /// <param name="seed">Seeds the random inputs.</param>
    public static VerifyReport Verify(string directory, SampleSet? data, int samples, int seed = 1)
    {
        var manifest = SplitManifest.Read(directory);
        string folder = SplitManifest.FolderOf(directory);
        // The source model may lie outside the folder (split writes where it is told); errors about it name the manifest.
        string manifestFile = Path.Combine(folder, SplitManifest.FileName);
        if (manifest.SourceModel.Contains('\0', StringComparison.Ordinal))
            throw new QuiltNetException(manifestFile, "its source model's file name holds a NUL character");
        string source = Path.GetFullPath(Path.Combine(folder, manifest.SourceModel));
        if (!File.Exists(source))
            throw new QuiltNetException(manifestFile, $"its source model {source} is not there");
        OnnxRunner opened;
        try
        {
            opened = OnnxRunner.Open(source);
        }
        catch (QuiltNetException e)
        {
            throw new QuiltNetException(manifestFile, $"its source model {e.Message}", e);
        }
        using var original = opened;
        // The shapes the manifest binds the inputs to are what the random inputs get: they must fit the model.
        original.CheckSignature(manifestFile, [.. manifest.InputShapes.Select(i => new ManifestTensor(i.Key, "float", i.Value))], []);
        var runners = new List<OnnxRunner>();
        try
        {
            foreach (var stage in manifest.Stages)
            {
                runners.Add(OnnxRunner.Open(SplitManifest.VerifiedStageFile(directory, stage)));
                runners[^1].CheckSignature(stage.File, stage.Inputs, stage.Outputs);
            }
        }
        catch
        {
            foreach (var runner in runners) runner.Dispose();
            throw;
        }
        using var stages = new StageChain(runners);
        var batches = data is null ? RandomBatches(manifest, samples, seed) : DataBatches(manifest, data, samples);
        var diffs = original.OutputNames.ToDictionary(n => n, _ => 0.0);
        int seen = 0, rightOriginal = 0, rightStaged = 0;
        foreach (var (feeds, labels, count) in batches)
        {
            Dictionary<string, HostTensor> expected, actual;
            try
            {
                expected = original.Run(feeds);
                actual = stages.Run(feeds);
            }
            catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
            {
                throw new QuiltNetException(manifestFile, $"ONNX Runtime cannot run the model or its stages on these inputs ({OnnxRunner.Plain(e.Message)})", e);
            }
            foreach (var (name, tensor) in expected)
            {
                if (!actual.TryGetValue(name, out var staged) || !staged.Shape.SequenceEqual(tensor.Shape))
                    throw new QuiltNetException(directory, $"the stages do not produce output '{name}' of shape {string.Join('x', tensor.Shape)}");
                diffs[name] = Math.Max(diffs[name], MaxAbsDiff(tensor.AsDoubles(), staged.AsDoubles()));
            }
            if (labels is not null)
            {
                var logits = expected[original.OutputNames[0]];
                if (seen == 0) DataShapes.CheckClasses(data!, logits.Shape, original.OutputNames[0]);
                rightOriginal += Top1.Correct(logits, labels);
                rightStaged += Top1.Correct(actual[original.OutputNames[0]], labels);
            }
            seen += count;
        }
        return new VerifyReport(stages.Count, seen, data is null ? $"seeded random (seed {seed})" : data.Source,
            diffs.Values.DefaultIfEmpty(0).Max(), diffs,
            data?.HasLabels != true ? null : (double)rightOriginal / seen, data?.HasLabels != true ? null : (double)rightStaged / seen);
    }

    private static IEnumerable<(Dictionary<string, HostTensor> Feeds, int[]? Labels, int Count)> RandomBatches(SplitManifest manifest, int samples, int seed)
    {
        var random = new Random(seed);
        var types = manifest.Stages[0].Inputs.ToDictionary(i => i.Name, i => ElementTypeNames.Parse(i.ElementType));
        for (int s = 0; s < samples; s++)
            yield return (manifest.InputShapes.ToDictionary(
                kv => kv.Key,
                kv => HostTensor.Sample(types.GetValueOrDefault(kv.Key, ElementType.Float), kv.Value.ToArray(), random)), null, 1);
    }

    private static IEnumerable<(Dictionary<string, HostTensor> Feeds, int[]? Labels, int Count)> DataBatches(SplitManifest manifest, SampleSet data, int samples)
    {
        var inputs = manifest.Stages[0].Inputs.Where(i => manifest.InputShapes.ContainsKey(i.Name)).ToList();
        var declared = inputs.ToDictionary(i => i.Name, i => i.Shape);
        bool dynamicBatch = inputs.All(i => i.Shape[0] < 0);
        int available = Math.Min(samples, data.Count);
        int batch = dynamicBatch ? Math.Min(DataBatch, available) : (int)manifest.InputShapes.First().Value[0];
        // A dynamic batch takes a short last batch; a fixed one cannot.
        int total = dynamicBatch ? available : available / batch * batch;
        if (total == 0)
            throw new ArgumentException($"{data.Source} holds {data.Count} samples, fewer than one batch of {batch}", nameof(data));
        // Dimensions the stages keep dynamic (height and width of an image model) take the data's own.
        var bound = manifest.InputShapes.Select(kv => new TensorInfo(kv.Key, ElementType.Float,
            declared[kv.Key].Skip(1).Any(d => d < 0) ? [kv.Value[0], .. data.SampleShapeFor(kv.Key, manifest.InputShapes.Count)] : kv.Value)).ToList();
        for (int start = 0; start < total; start += batch)
        {
            int count = Math.Min(batch, total - start);
            yield return (new Dictionary<string, HostTensor>(data.Feeds(start, count, bound)), data.Labels?[start..(start + count)], count);
        }
    }

    private static double MaxAbsDiff(double[] a, double[] b)
    {
        double max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (double.IsNaN(a[i]) && double.IsNaN(b[i])) continue;
            double d = Math.Abs(a[i] - b[i]);
            if (double.IsNaN(d)) return double.PositiveInfinity; // NaN on one side only: no agreement at all
            max = Math.Max(max, d);
        }
        return max;
    }
}
