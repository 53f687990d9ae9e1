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
        string source = Path.GetFullPath(Path.Combine(folder, manifest.SourceModel));
        if (!File.Exists(source))
            throw new QuiltNetException(source, "source model named by the manifest not found");

        using var original = OnnxRunner.Open(source);
        using var stages = new StageChain(manifest.Stages.Select(stage => OnnxRunner.Open(Path.Combine(folder, stage.File))));
        var batches = data is null ? RandomBatches(manifest, samples, seed) : DataBatches(manifest, data, samples);
        var diffs = original.OutputNames.ToDictionary(n => n, _ => 0.0);
        int seen = 0, rightOriginal = 0, rightStaged = 0;
        foreach (var (feeds, labels, count) in batches)
        {
            var expected = original.Run(feeds);
            var actual = stages.Run(feeds);
            foreach (var (name, tensor) in expected)
            {
                if (!actual.TryGetValue(name, out var staged) || !staged.Shape.SequenceEqual(tensor.Shape))
                    throw new QuiltNetException(directory, $"the stages do not produce output '{name}' of shape {string.Join('x', tensor.Shape)}");
                diffs[name] = Math.Max(diffs[name], MaxAbsDiff(tensor.AsDoubles(), staged.AsDoubles()));
            }
            if (labels is not null)
            {
                var logits = expected[original.OutputNames[0]];
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
        if (manifest.InputShapes.Count != 1)
            throw new ArgumentException($"the model takes {manifest.InputShapes.Count} inputs; the data feeds single-input image models", nameof(data));
        var (name, bound) = manifest.InputShapes.First();
        bool dynamicBatch = manifest.Stages[0].Inputs.First(i => i.Name == name).Shape[0] < 0;
        int batch = dynamicBatch ? DataBatch : (int)bound[0];
        int total = Math.Min(samples, data.Count) / batch * batch;
        if (total == 0)
            throw new ArgumentException($"{data.Source} holds {data.Count} samples, fewer than one batch of {batch}", nameof(data));
        var input = new TensorInfo(name, ElementType.Float, bound);
        for (int start = 0; start < total; start += batch)
            yield return (new Dictionary<string, HostTensor> { [name] = data.Batch(start, batch, input) }, data.Labels?[start..(start + batch)], batch);
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
