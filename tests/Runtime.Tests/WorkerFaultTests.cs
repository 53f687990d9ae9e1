using System.Diagnostics;
using System.Text.RegularExpressions;
using QuiltNet.Data;
using QuiltNet.Graph;
using QuiltNet.Runtime.Distributed;
using QuiltNet.Tests;

namespace QuiltNet.Runtime.Tests;

/// <summary>
/// Workers as separate <c>quiltnet serve</c> processes, one killed or frozen mid-run: the run ends promptly
/// with one line naming the worker's address and stage and how many inputs were completed, and a restarted
/// worker serves the next run beside the others, which were never restarted.
/// </summary>
[Collection(Serial.Name)]
public sealed partial class WorkerFaultTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>The bundled evaluation images ten times over: a run long enough to fail in the middle of.</summary>
    private static SampleSet LongData()
    {
        var once = SampleSet.Load(Repository.Data, SampleSet.Evaluation);
        return new SampleSet(
            Enumerable.Repeat(once.Slice(0, once.Count), 10).SelectMany(p => p).ToArray(),
            Enumerable.Repeat(once.Labels!, 10).SelectMany(l => l).ToArray(), once.SampleShape, once.Source);
    }

    private IReadOnlyList<StageSpec> ThreeStages()
    {
        var graph = OnnxGraph.Load(Repository.Model("fmnist_resnet"));
        ModelSplitter.Split(graph, TensorShapeInference.Infer(graph), [15, 30], _temp.File("stages"));
        return StageFolder.Load(_temp.File("stages"));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_killed_worker_ends_the_run_within_two_seconds_naming_it_and_a_restarted_one_serves_the_next_run()
    {
        var stages = ThreeStages();
        var data = LongData();
        var workers = Enumerable.Range(0, 3).Select(_ => WorkerProcess.Start()).ToList();
        try
        {
            var addresses = workers.Select(w => w.Address).ToList();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var run = DistributedPipeline.RunAsync(stages, addresses, data, cancellation: limit.Token);
            await Streaming(workers[2]);
            Assert.False(run.IsCompleted, "the run ended before the worker was killed");
            workers[1].Kill();
            var killed = Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<PipelineStoppedException>(() => run);
            Assert.True(killed.Elapsed < TimeSpan.FromSeconds(2), $"the run took {killed.Elapsed.TotalSeconds:0.00} s to end: {Logs(error, workers)}");
            Assert.True(error.Message.StartsWith($"{stages[1].Name} at worker {addresses[1]}: connection lost", StringComparison.Ordinal), Logs(error, workers));
            Assert.DoesNotContain('\n', error.Message);
            int completed = int.Parse(Completed().Match(error.Message).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(completed, 1, data.Count - 1);

            string port = addresses[1][(addresses[1].LastIndexOf(':') + 1)..];
            workers[1].Dispose();
            workers[1] = WorkerProcess.Start(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
            var report = await DistributedPipeline.RunAsync(stages, addresses, data, new RuntimeOptions { Count = 200 });
            Assert.Equal(200, report.Inputs);
        }
        finally
        {
            foreach (var worker in workers) worker.Dispose();
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_frozen_worker_ends_the_run_after_the_timeout_naming_it()
    {
        var stages = ThreeStages();
        var workers = Enumerable.Range(0, 3).Select(_ => WorkerProcess.Start()).ToList();
        try
        {
            var addresses = workers.Select(w => w.Address).ToList();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var run = DistributedPipeline.RunAsync(stages, addresses, LongData(), distributed: new DistributedOptions { Timeout = TimeSpan.FromSeconds(5) }, cancellation: limit.Token);
            await Streaming(workers[2]);
            workers[2].Signal("STOP");
            var frozen = Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<PipelineStoppedException>(() => run);
            Assert.True(frozen.Elapsed < TimeSpan.FromSeconds(8), $"the run took {frozen.Elapsed.TotalSeconds:0.00} s to end: {Logs(error, workers)}");
            Assert.True(error.Message.StartsWith($"{stages[2].Name} at worker {addresses[2]}: no result for 5 s", StringComparison.Ordinal), Logs(error, workers));
            Assert.Matches(Completed(), error.Message);
            workers[2].Signal("CONT");
        }
        finally
        {
            foreach (var worker in workers) worker.Dispose();
        }
    }

    /// <summary>Waits until the last worker has finished the warm-up batch, and a second more, so the run is in full flow.</summary>
    private static async Task Streaming(WorkerProcess last)
    {
        for (int i = 0; i < 600 && !last.Log.ToList().Any(l => l.Contains("first batch done", StringComparison.Ordinal)); i++)
            await Task.Delay(100);
        await Task.Delay(TimeSpan.FromSeconds(1));
    }

    private static string Logs(Exception error, IEnumerable<WorkerProcess> workers) =>
        string.Join('\n', workers.SelectMany(w => w.Log).Prepend(error.Message));

    [GeneratedRegex(@"; (\d+) of \d+ inputs completed$")]
    private static partial Regex Completed();
}
