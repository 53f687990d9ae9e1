using System.Diagnostics;
using System.Diagnostics.Metrics;
using QuiltNet.Data;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;
using QuiltNet.Optimizer.Hardware;
using QuiltNet.Optimizer.Partitioning;
using QuiltNet.Optimizer.Plans;
using QuiltNet.Optimizer.Search;
using QuiltNet.Tests;

namespace QuiltNet.Cli.Tests;

/// <summary>A search shares one planning context: the model is read once, and Ctrl+C stops a trial mid-training at once.</summary>
[Trait("Category", "Slow")]
public sealed class PlanningContextTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string System => Path.Combine(Repository.Root, "examples", "hw", "dpu-pair-10gbe.json");

    /// <summary>A copy of an example model at a path of this test's own, so the counts are not mixed with other tests'.</summary>
    private string OwnModel(string name = "fmnist_vit")
    {
        string model = _folder.File(name + ".onnx");
        File.Copy(Repository.Model(name), model);
        return Path.GetFullPath(model);
    }

    [Fact]
    public void A_whole_optimize_run_loads_infers_shapes_and_profiles_the_model_once()
    {
        string model = OwnModel();
        var counts = new Dictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == GraphMetrics.MeterName) l.EnableMeasurementEvents(instrument); },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == GraphMetrics.ModelTag && Equals(tag.Value, model))
                    lock (counts) counts[instrument.Name] = counts.GetValueOrDefault(instrument.Name) + value;
        });
        listener.Start();

        var run = CliRun.Of("optimize", "--model", model, "--hw", System, "--trials", "3", "--tuner", "random", "--calibration", "100",
            "--evaluation", "100", "--epochs", "1", "--cache", _folder.File("cache"), "--out", _folder.File("out"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(_folder.File("out"), PlanSearch.Journal)).Length);
        Assert.Equal(1, counts.GetValueOrDefault("quiltnet.graph.loads"));
        Assert.Equal(1, counts.GetValueOrDefault("quiltnet.graph.shape_inferences"));
        Assert.Equal(1, counts.GetValueOrDefault("quiltnet.graph.profiles"));
    }

    [Fact]
    public async Task Cancelling_a_search_mid_training_ends_it_within_a_second_with_no_plan_and_resume_carries_on()
    {
        // VGG-style on four DPU boards on Gigabit Ethernet: links slow enough that the first trial trains autoencoders.
        var context = PlanningContext.Load(OwnModel("fmnist_vgg"), HardwareSelection.Resolve("fpga4-1gbe"),
            SampleSet.Load(BundledExamples.DataFolder, SampleSet.Calibration, 200),
            SampleSet.Load(BundledExamples.DataFolder, SampleSet.Evaluation, 200), AutoencoderCache.InMemory());
        var settings = new PlanSettings { Training = new TrainingOptions { Epochs = 50 } };
        var goal = new SearchGoal(PartitionObjective.Throughput, 1.0);
        string folder = _folder.File("out");

        using var cancellation = new CancellationTokenSource();
        var cancelledAt = new Stopwatch();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == TrainingMetrics.MeterName) l.EnableMeasurementEvents(instrument); },
        };
        // The search's first training step is the moment: Ctrl+C lands mid-training. A trial runs on the thread that started
        // the search; other tests' training runs on threads of their own.
        int searchThread = Environment.CurrentManagedThreadId;
        listener.SetMeasurementEventCallback<long>((_, _, _, _) =>
        {
            if (cancelledAt.IsRunning || Environment.CurrentManagedThreadId != searchThread) return;
            cancelledAt.Start();
            cancellation.Cancel();
        });
        listener.Start();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            PlanSearch.RunAsync(context, settings, goal, new PlanSearchOptions { Trials = 2, Tuner = "random" }, folder, cancellationToken: cancellation.Token));
        cancelledAt.Stop();
        listener.Dispose();

        Assert.True(cancelledAt.Elapsed < TimeSpan.FromSeconds(1), $"the search took {cancelledAt.Elapsed.TotalSeconds:0.00} s to stop");
        Assert.False(File.Exists(Path.Combine(folder, PlanFile.Name)), "no plan is written for a cancelled search");
        Assert.Empty(File.ReadAllLines(Path.Combine(folder, PlanSearch.Journal)));

        var resumed = await PlanSearch.RunAsync(context, settings with { Training = new TrainingOptions { Epochs = 1 } }, goal,
            new PlanSearchOptions { Trials = 1, Tuner = "random", Resume = true }, folder);
        Assert.Single(resumed.Experiment.Trials);
        Assert.True(File.Exists(Path.Combine(folder, PlanFile.Name)));
    }
}
