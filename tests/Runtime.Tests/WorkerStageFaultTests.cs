using System.Diagnostics;
using QuiltNet.Data;
using QuiltNet.Graph;
using QuiltNet.Runtime.Distributed;
using QuiltNet.Tests;

namespace QuiltNet.Runtime.Tests;

/// <summary>
/// Workers whose middle stage throws, runs out of memory, or stalls mid-run: the run ends with one line naming that
/// stage and its worker within a second of the fault (a stall: of the timeout), and the faulty stage's call has
/// returned by then, so no stage keeps running on a worker after the run has ended.
/// </summary>
[Collection(Serial.Name)]
public sealed class WorkerStageFaultTests : IDisposable
{
    private const double StopSeconds = 1.0;
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>An ONNX Runtime stage that fails as told on one call; <see cref="Active"/> counts calls not yet returned.</summary>
    private sealed class FaultyStage(IStageExecutor inner, string fault, int onCall) : IStageExecutor
    {
        private int _calls, _active;

        public long FaultAt { get; private set; }

        public int Active => Volatile.Read(ref _active);

        public Dictionary<string, HostTensor> Run(IReadOnlyDictionary<string, HostTensor> feeds, CancellationToken cancellation)
        {
            Interlocked.Increment(ref _active);
            try
            {
                if (Interlocked.Increment(ref _calls) == onCall)
                {
                    FaultAt = Stopwatch.GetTimestamp();
                    switch (fault)
                    {
                        case "throw": throw new InvalidOperationException("injected failure");
                        case "oom": throw new OutOfMemoryException("injected: no room for the batch's activations");
                        default:
                            cancellation.WaitHandle.WaitOne(); // stalls until the run is cancelled, as ONNX Runtime's terminate flag ends a run
                            cancellation.ThrowIfCancellationRequested();
                            break;
                    }
                }
                return inner.Run(feeds, cancellation);
            }
            finally
            {
                Interlocked.Decrement(ref _active);
            }
        }

        public void Dispose() => inner.Dispose();
    }

    [Theory(Timeout = 120_000)]
    [InlineData("throw", "injected failure", 0.0)]
    [InlineData("oom", "injected: no room for the batch's activations", 0.0)]
    [InlineData("stall", "no result for 1 s", 1.0)]
    public async Task A_stage_that_fails_ends_the_run_naming_it_and_its_call_returns(string fault, string says, double timeoutSeconds)
    {
        var graph = OnnxGraph.Load(Repository.Model("fmnist_resnet"));
        ModelSplitter.Split(graph, TensorShapeInference.Infer(graph), [15, 30], _temp.File("stages"));
        var stages = StageFolder.Load(_temp.File("stages"));
        var once = SampleSet.Load(Repository.Data, SampleSet.Evaluation);
        var data = new SampleSet(Enumerable.Repeat(once.Slice(0, once.Count), 5).SelectMany(p => p).ToArray(),
            Enumerable.Repeat(once.Labels!, 5).SelectMany(l => l).ToArray(), once.SampleShape, once.Source);

        FaultyStage? faulty = null;
        var hosts = new List<WorkerHost>();
        try
        {
            for (int k = 0; k < 3; k++)
                hosts.Add(await WorkerHost.StartAsync(k != 1 ? new WorkerOptions() : new WorkerOptions
                {
                    OpenStage = (model, threads) => faulty = new FaultyStage(OnnxStageExecutor.Open(model, threads), fault, onCall: 200),
                }));
            var addresses = hosts.Select(h => h.Address).ToList();
            var options = new DistributedOptions { Timeout = TimeSpan.FromSeconds(timeoutSeconds > 0 ? timeoutSeconds : 30) };
            var error = await Assert.ThrowsAsync<PipelineStoppedException>(() => DistributedPipeline.RunAsync(stages, addresses, data, distributed: options));
            double late = Stopwatch.GetElapsedTime(faulty!.FaultAt).TotalSeconds - timeoutSeconds;
            Assert.True(late < StopSeconds, $"the run took {late:0.000} s past the fault to end: {error.Message}");
            Assert.StartsWith($"{stages[1].Name} at worker {addresses[1]}: ", error.Message);
            Assert.True(error.Message.Contains(says, StringComparison.Ordinal), error.Message);
            Assert.DoesNotContain('\n', error.Message);
            for (int i = 0; i < 100 && faulty.Active > 0; i++) await Task.Delay(10);
            Assert.True(faulty.Active == 0, "the faulty stage's call was still running a second after the run ended");
        }
        finally
        {
            foreach (var host in hosts) await host.DisposeAsync();
        }
    }
}
