using QuiltNet.Data;
using QuiltNet.Graph;

namespace QuiltNet.Runtime;

/// <summary>The batches a run feeds, in order: [Start, Start + Count) of the data each.</summary>
internal static class RunBatches
{
    public static List<(int Start, int Count)> Plan(TensorInfo input, string firstStage, SampleSet data, RuntimeOptions options)
    {
        if (options.Batch < 1)
            throw new ArgumentOutOfRangeException(nameof(options.Batch), $"must be at least 1, got {options.Batch}");
        if (options.Count is < 1)
            throw new ArgumentOutOfRangeException(nameof(options.Count), $"must be at least 1, got {options.Count}");
        int count = Math.Min(options.Count ?? data.Count, data.Count);
        if (count == 0)
            throw new QuiltNetException(data.Source, "holds no samples to run");
        long fixedBatch = input.Shape[0];
        if (fixedBatch > 0 && options.Batch != fixedBatch)
            throw new ArgumentException($"{firstStage} takes batches of exactly {fixedBatch}, not {options.Batch}", nameof(options.Batch));
        // A model with a fixed batch cannot take a short last batch.
        if (fixedBatch > 0) count = count / options.Batch * options.Batch;
        if (count == 0)
            throw new ArgumentException($"fewer inputs than one batch of {options.Batch}", nameof(options.Count));
        return Enumerable.Range(0, (count + options.Batch - 1) / options.Batch)
            .Select(b => (b * options.Batch, Math.Min(options.Batch, count - b * options.Batch)))
            .ToList();
    }
}
