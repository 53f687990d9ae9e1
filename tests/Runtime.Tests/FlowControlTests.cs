using QuiltNet.Data;
using QuiltNet.Graph;
using QuiltNet.Runtime.Distributed;
using QuiltNet.Tests;

namespace QuiltNet.Runtime.Tests;

/// <summary>Bounded windows and queues: a long run across workers holds the same live memory from start to end.</summary>
[Collection(Serial.Name)]
public sealed class FlowControlTests : IDisposable
{
    private const int Features = 16;
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Two small stages (ReLU, then a 16→10 MatMul) so the run measures the runtime, not the model.</summary>
    private IReadOnlyList<StageSpec> TinyStages()
    {
        string first = new ModelBuilder().Input("x", -1, Features).Output("h", -1, Features)
            .Node("Relu", ["x"], ["h"]).Save(_temp.File("stage0.onnx"));
        string second = new ModelBuilder().Input("h", -1, Features).Output("logits", -1, 10).Weight("w", Features, 10)
            .Node("MatMul", ["h", "w"], ["logits"]).Save(_temp.File("stage1.onnx"));
        var x = new ManifestTensor("x", "float", [-1, Features]);
        var h = new ManifestTensor("h", "float", [-1, Features]);
        var logits = new ManifestTensor("logits", "float", [-1, 10]);
        return [new StageSpec("stage 0", first, [x], [h]), new StageSpec("stage 1", second, [h], [logits])];
    }

    [Fact(Timeout = 300_000)]
    public async Task A_hundred_thousand_inputs_hold_live_memory_flat()
    {
        const int inputs = 100_000;
        var random = new Random(3);
        var data = new SampleSet(Enumerable.Range(0, inputs * Features).Select(_ => random.NextSingle()).ToArray(),
            Enumerable.Range(0, inputs).Select(i => i % 10).ToArray(), [Features], "synthetic");
        await using var workers = await LocalWorkers.StartAsync(2);

        // Live bytes after a full collection, ten times a second while the run goes on (a quiet machine runs it in about 3 s).
        var samples = new List<long>();
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                lock (samples) samples.Add(GC.GetTotalMemory(forceFullCollection: true));
                await Task.Delay(100);
            }
        });
        var report = await DistributedPipeline.RunAsync(TinyStages(), workers.Addresses, data, new RuntimeOptions { Batch = 4, ChannelCapacity = 4 });
        sampling.Cancel();
        await sampler;

        Assert.Equal(inputs, report.Inputs);
        Assert.Equal(inputs * Features * 4 / (double)inputs, report.Links[0].BytesPerInput);
        Assert.True(samples.Count >= 10, $"{samples.Count} samples");
        // Growth from the first tenth of the run to its peak: bounded queues keep it to what a few batches and
        // the per-batch latency record (16 bytes a batch) take, not the 6.4 MB a run's results would.
        long early = samples.Take(Math.Max(2, samples.Count / 10)).Max();
        long growth = samples.Max() - early;
        Assert.True(growth < 4 << 20, $"live memory grew {growth / 1e6:0.0} MB over the run (samples: {string.Join(", ", samples.Select(s => $"{s / 1e6:0.0}"))} MB)");
    }
}
