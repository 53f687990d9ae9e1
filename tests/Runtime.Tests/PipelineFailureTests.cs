using System.Diagnostics;
using System.Threading.Channels;
using QuiltNet.Data;
using QuiltNet.Graph;
using QuiltNet.Tests;

namespace QuiltNet.Runtime.Tests;

/// <summary>
/// A stage that throws, a channel closed mid-stream, the caller cancelling mid-stream: each run stops within
/// a second with the stage named in one line, and no thread it started is left running.
/// </summary>
public sealed class PipelineFailureTests : IDisposable
{
    private const double StopSeconds = 1.0;
    private static readonly SampleSet Data = SampleSet.Load(Repository.Data, SampleSet.Evaluation);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Hands its input on after a millisecond (the last stage returns ten zero logits per input); <paramref name="onCall"/> sees every call first.</summary>
    private sealed class FakeStage(string output, Action<int>? onCall = null) : IStageExecutor
    {
        private int _calls;

        public Dictionary<string, HostTensor> Run(IReadOnlyDictionary<string, HostTensor> feeds, CancellationToken cancellation)
        {
            onCall?.Invoke(Interlocked.Increment(ref _calls));
            Thread.Sleep(1);
            var input = feeds.Values.First();
            long n = input.Shape[0];
            return new() { [output] = output == "logits" ? HostTensor.Float([n, 10], new float[n * 10]) : input };
        }

        public void Dispose()
        {
        }
    }

    private static StagePipeline Pipeline(params IStageExecutor[] stages) => new(
        stages.Select((s, k) => new PipelineStage($"stage {k}", s, new Dictionary<string, int>())).ToList(),
        [new TensorInfo("input", ElementType.Float, [-1, 1, 28, 28])], "logits", threadsPerStage: 1);

    private static void AssertStoppedInTime(long since)
    {
        double seconds = Stopwatch.GetElapsedTime(since).TotalSeconds;
        Assert.True(seconds < StopSeconds, $"the run took {seconds:0.000} s to stop");
    }

    private static void AssertNoThreadLeft(RunProbe probe)
    {
        Assert.Equal(3, probe.Threads.Count); // one per stage
        Assert.All(probe.Threads, t => Assert.False(t.IsAlive, $"{t.Name} is still running"));
    }

    [Fact]
    public void A_stage_that_throws_mid_stream_stops_the_run_and_is_named()
    {
        long failedAt = 0;
        var failing = new FakeStage("b", call =>
        {
            if (call != 50) return;
            failedAt = Stopwatch.GetTimestamp();
            throw new InvalidOperationException("injected failure\nsecond line");
        });
        var probe = new RunProbe();
        using var pipeline = Pipeline(new FakeStage("a"), failing, new FakeStage("logits"));
        var e = Assert.Throws<PipelineStoppedException>(() => pipeline.Run(Data, new RuntimeOptions(), CancellationToken.None, probe));
        AssertStoppedInTime(failedAt);
        Assert.False(e.Cancelled);
        Assert.Equal("stage 1", e.Input);
        Assert.Equal("stage 1: failed on batch 48: injected failure second line", e.Message); // call 1 was the warm-up
        AssertNoThreadLeft(probe);
    }

    [Fact]
    public void A_stage_that_runs_out_of_memory_stops_the_run_and_is_named()
    {
        long failedAt = 0;
        var failing = new FakeStage("b", call =>
        {
            if (call != 20) return;
            failedAt = Stopwatch.GetTimestamp();
            throw new OutOfMemoryException("injected: no room for the batch's activations");
        });
        var probe = new RunProbe();
        using var pipeline = Pipeline(new FakeStage("a"), failing, new FakeStage("logits"));
        var e = Assert.Throws<PipelineStoppedException>(() => pipeline.Run(Data, new RuntimeOptions(), CancellationToken.None, probe));
        AssertStoppedInTime(failedAt);
        Assert.Equal("stage 1: failed on batch 18: injected: no room for the batch's activations", e.Message);
        AssertNoThreadLeft(probe);
    }

    [Fact]
    public void A_stage_that_stalls_is_cancelled_at_the_stall_timeout_and_named()
    {
        // Stalls on its 30th call until cancelled, as ONNX Runtime does with its terminate flag set.
        long stalledAt = 0;
        var stalling = new StallingStage("b", stallOnCall: 30, onStall: () => stalledAt = Stopwatch.GetTimestamp());
        var probe = new RunProbe();
        var timeout = TimeSpan.FromSeconds(0.5);
        using var pipeline = Pipeline(new FakeStage("a"), stalling, new FakeStage("logits"));
        var e = Assert.Throws<PipelineStoppedException>(() => pipeline.Run(Data, new RuntimeOptions { StallTimeout = timeout }, CancellationToken.None, probe));
        double seconds = Stopwatch.GetElapsedTime(stalledAt).TotalSeconds - timeout.TotalSeconds;
        Assert.True(seconds < StopSeconds, $"the run took {seconds:0.000} s past the stall timeout to stop");
        Assert.False(e.Cancelled);
        Assert.Equal("stage 1: failed on batch 28: stalled: no result after 0.5 s", e.Message);
        Assert.True(stalling.Released, "the stalled call was never cancelled");
        AssertNoThreadLeft(probe);
    }

    /// <summary>Hands its input on, except on one call, where it waits until the run is cancelled.</summary>
    private sealed class StallingStage(string output, int stallOnCall, Action onStall) : IStageExecutor
    {
        private int _calls;

        public bool Released { get; private set; }

        public Dictionary<string, HostTensor> Run(IReadOnlyDictionary<string, HostTensor> feeds, CancellationToken cancellation)
        {
            if (Interlocked.Increment(ref _calls) == stallOnCall)
            {
                onStall();
                cancellation.WaitHandle.WaitOne();
                Released = true;
                cancellation.ThrowIfCancellationRequested();
            }
            return new() { [output] = feeds.Values.First() };
        }

        public void Dispose()
        {
        }
    }

    [Fact]
    public void A_channel_closed_mid_stream_stops_the_run_and_names_a_stage_beside_it()
    {
        IReadOnlyList<ChannelWriter<InFlight>>? channels = null;
        long closedAt = 0;
        var closing = new FakeStage("b", call =>
        {
            if (call != 30) return;
            closedAt = Stopwatch.GetTimestamp();
            channels![1].TryComplete(); // the channel from stage 1 to stage 2
        });
        var probe = new RunProbe { ChannelsOpened = writers => channels = writers };
        using var pipeline = Pipeline(new FakeStage("a"), closing, new FakeStage("logits"));
        var e = Assert.Throws<PipelineStoppedException>(() => pipeline.Run(Data, new RuntimeOptions(), CancellationToken.None, probe));
        AssertStoppedInTime(closedAt);
        Assert.False(e.Cancelled);
        Assert.Contains(e.Input, new[] { "stage 1", "stage 2" });
        Assert.Contains("channel", e.Problem);
        AssertNoThreadLeft(probe);
    }

    [Fact]
    public void Cancelling_mid_stream_stops_the_run_and_says_where_each_stage_was()
    {
        using var cancel = new CancellationTokenSource();
        long cancelledAt = 0;
        var stage = new FakeStage("b", call =>
        {
            if (call != 100) return;
            cancelledAt = Stopwatch.GetTimestamp();
            cancel.Cancel();
        });
        var probe = new RunProbe();
        using var pipeline = Pipeline(new FakeStage("a"), stage, new FakeStage("logits"));
        var e = Assert.Throws<PipelineStoppedException>(() => pipeline.Run(Data, new RuntimeOptions(), cancel.Token, probe));
        AssertStoppedInTime(cancelledAt);
        Assert.True(e.Cancelled);
        Assert.Equal("run", e.Input);
        Assert.All(new[] { "stage 0", "stage 1", "stage 2" }, name => Assert.Contains(name, e.Problem));
        AssertNoThreadLeft(probe);
    }

    [Fact]
    public void An_onnx_stage_whose_input_shape_does_not_fit_is_named_in_one_line()
    {
        var graph = OnnxGraph.Load(Repository.Model("fmnist_resnet"));
        ModelSplitter.Split(graph, TensorShapeInference.Infer(graph), [15], _temp.File("stages"));
        var real = StageFolder.Load(_temp.File("stages"));
        string frontier = real[0].Outputs[0].Name;
        // Takes the frontier tensor by name, but with 16 channels where stage 0 sends 32.
        string path = new ModelBuilder().Input(frontier, -1, 16, 14, 14).Node("Relu", [frontier], ["logits"]).Output("logits", -1, 16, 14, 14)
            .Save(_temp.File("narrow.onnx"));
        var narrow = new StageSpec("stage 1 (narrow.onnx)", path, [new ManifestTensor(frontier, "float", [-1, 16, 14, 14])], [new ManifestTensor("logits", "float", [-1, 16, 14, 14])]);

        using var pipeline = StagePipeline.Open([real[0], narrow]);
        var e = Assert.Throws<PipelineStoppedException>(() => pipeline.Run(Data));
        Assert.Equal("stage 1 (narrow.onnx)", e.Input);
        Assert.Contains("dimensions", e.Problem);
        Assert.DoesNotContain('\n', e.Message);
    }
}
