using QuiltNet.Data;
using QuiltNet.Graph;
using QuiltNet.Runtime.Distributed;
using QuiltNet.Tests;

namespace QuiltNet.Runtime.Tests;

/// <summary>
/// Two workers in network namespaces of their own, joined by a veth pair shaped to 20 Mbit/s with tc's
/// tbf: the activations really cross a rate-limited network stack, and the run measures that rate. The
/// rate is low enough that the link, not the processors, sets the pace even on a busy two-core machine.
/// Needs root and iproute2; reports itself skipped, saying which is missing, elsewhere. About three seconds of traffic.
/// </summary>
[Collection(Serial.Name)]
public sealed class ShapedLinkTests : IDisposable
{
    private const double Megabits = 20;
    private const int Port = 5000;
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [SkippableFact(Timeout = 180_000)]
    public async Task A_shaped_link_carries_at_most_its_rate_and_the_run_classifies_as_in_process()
    {
        string? unavailable = NetworkLab.Unavailable();
        Skip.If(unavailable is not null, unavailable);
        var graph = OnnxGraph.Load(Repository.Model("fmnist_resnet"));
        ModelSplitter.Split(graph, TensorShapeInference.Infer(graph), [15], _temp.File("stages"));
        var stages = StageFolder.Load(_temp.File("stages"));
        var data = SampleSet.Load(Repository.Data, SampleSet.Evaluation, 300);
        RuntimeReport local;
        using (var pipeline = StagePipeline.Open(stages))
            local = pipeline.Run(data);

        using var lab = NetworkLab.Create(stages.Count, Megabits);
        var workers = lab.StartWorkers(Port);
        try
        {
            var addresses = lab.Addresses(Port);
            var report = await DistributedPipeline.RunAsync(stages, addresses, data, distributed: new DistributedOptions { Timeout = TimeSpan.FromSeconds(30) });

            Assert.Equal(local.Accuracy, report.Accuracy);
            var link = Assert.Single(report.Links);
            Assert.Equal(32 * 14 * 14 * 4, link.BytesPerInput);
            double rate = Megabits * 1e6 / 8;
            // tbf counts frames with their headers, so the payload the run measures is below the rate, but not far below.
            string figures = System.Text.Json.JsonSerializer.Serialize(report);
            double measured = link.MeasuredBytesPerSecond!.Value;
            Assert.True(measured > 0.7 * rate && measured < 1.02 * rate, figures);
            double bound = rate / link.BytesPerInput;
            Assert.True(report.ThroughputPerSecond > 0.6 * bound && report.ThroughputPerSecond < 1.05 * bound, figures);
        }
        finally
        {
            foreach (var worker in workers) worker.Dispose();
        }
    }
}
