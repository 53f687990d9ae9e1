using QuiltNet.Data;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;
using QuiltNet.Tests;

namespace QuiltNet.Estimators.Tests;

/// <summary>A fitted autoencoder is found again by (model, cut, option, training, data), and only by that.</summary>
public sealed class FittingCacheTests : IDisposable
{
    private static readonly SampleSet Calibration = SampleSet.Load(Repository.Data, SampleSet.Calibration, 200);
    private static readonly SampleSet Evaluation = SampleSet.Load(Repository.Data, SampleSet.Evaluation, 200);
    private static readonly TrainingOptions Training = new() { Epochs = 1 };
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static (OnnxGraph Graph, TensorShapes Shapes, int Cut) Vit()
    {
        var graph = OnnxGraph.Load(Repository.Model("fmnist_vit"));
        var shapes = TensorShapeInference.Infer(graph);
        return (graph, shapes, CutPoints.Candidates(graph, shapes).Last(c => c.Tensors.Count == 1 && c.Tensors[0].Shape.Count == 3).Position);
    }

    [Fact]
    public void A_second_fitter_on_the_same_folder_trains_nothing_and_returns_the_same_weights()
    {
        var (graph, shapes, cut) = Vit();
        string folder = _temp.File("cache");
        var first = new BottleneckFitter(graph, shapes, Calibration, Training, new AutoencoderCache(folder));
        var trained = first.Fit(cut, 4, bits: 8);
        Assert.Equal(2, first.Trainings); // fp32, then the 8-bit fine-tune from it

        var second = new BottleneckFitter(graph, shapes, Calibration, Training, new AutoencoderCache(folder));
        var found = second.Fit(cut, 4, bits: 8);
        Assert.Equal(0, second.Trainings);
        Assert.Equal(trained.TrainSeconds, found.TrainSeconds);
        Assert.Equal(trained.Weights[0].EncoderWeight, found.Weights[0].EncoderWeight);
        Assert.Equal(trained.Weights[0].CodeMax, found.Weights[0].CodeMax);
        Assert.Equal(trained.Weights[0].Option, found.Weights[0].Option);
    }

    [Fact]
    public void Other_data_other_training_or_another_cut_is_a_miss()
    {
        var (graph, shapes, cut) = Vit();
        string folder = _temp.File("cache");
        new BottleneckFitter(graph, shapes, Calibration, Training, new AutoencoderCache(folder)).Fit(cut, 4);

        var otherData = new SampleSet(Calibration.Slice(0, Calibration.Count).Select(p => 1 - p).ToArray(), Calibration.Labels, Calibration.SampleShape, Calibration.Source);
        foreach (var fitter in new[]
                 {
                     new BottleneckFitter(graph, shapes, otherData, Training, new AutoencoderCache(folder)),
                     new BottleneckFitter(graph, shapes, Calibration, Training with { Seed = 2 }, new AutoencoderCache(folder)),
                 })
        {
            fitter.Fit(cut, 4);
            Assert.Equal(1, fitter.Trainings);
        }
        var again = new BottleneckFitter(graph, shapes, Calibration, Training, new AutoencoderCache(folder));
        again.Fit(cut - 1, 4);
        again.Fit(cut, 8);
        Assert.Equal(2, again.Trainings);
    }

    [Fact]
    public void A_damaged_entry_is_refitted_not_trusted()
    {
        var (graph, shapes, cut) = Vit();
        string folder = _temp.File("cache");
        new BottleneckFitter(graph, shapes, Calibration, Training, new AutoencoderCache(folder)).Fit(cut, 4);
        foreach (string file in Directory.GetFiles(folder)) File.WriteAllText(file, "{ not json");

        var fitter = new BottleneckFitter(graph, shapes, Calibration, Training, new AutoencoderCache(folder));
        Assert.NotEmpty(fitter.Fit(cut, 4).Weights);
        Assert.Equal(1, fitter.Trainings);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("altered")]
    public void A_corrupt_entry_is_reported_once_refitted_and_written_whole_again(string damage)
    {
        var (graph, shapes, cut) = Vit();
        string folder = _temp.File("cache");
        new BottleneckFitter(graph, shapes, Calibration, Training, new AutoencoderCache(folder)).Fit(cut, 4);
        var entries = Directory.GetFiles(folder);
        Assert.NotEmpty(entries);
        foreach (string entry in entries)
        {
            string text = File.ReadAllText(entry);
            // Cut off mid-write, or one digit of a weight changed: not what was written.
            int digit = text.IndexOfAny("123456789".ToCharArray(), text.IndexOf("\"value\"", StringComparison.Ordinal));
            File.WriteAllText(entry, damage == "truncated" ? text[..(text.Length / 2)] : text[..digit] + (text[digit] == '1' ? '2' : '1') + text[(digit + 1)..]);
        }

        var warnings = new List<string>();
        var refit = new BottleneckFitter(graph, shapes, Calibration, Training, new AutoencoderCache(folder) { Warn = warnings.Add });
        refit.Fit(cut, 4);
        Assert.Equal(1, refit.Trainings);
        Assert.Equal(entries.Length, warnings.Count);
        Assert.All(entries, entry => Assert.Single(warnings, w => w.StartsWith($"{entry}: corrupt cache entry (", StringComparison.Ordinal)));

        warnings.Clear();
        var again = new BottleneckFitter(graph, shapes, Calibration, Training, new AutoencoderCache(folder) { Warn = warnings.Add });
        again.Fit(cut, 4);
        Assert.Equal(0, again.Trainings);
        Assert.Empty(warnings);
    }

    [Fact]
    public void A_repeated_sweep_measures_from_the_cache()
    {
        var (graph, shapes, cut) = Vit();
        var cache = new AutoencoderCache(_temp.File("cache"));
        var grid = new SweepGrid([cut], [4], [32, 8]);
        var first = CompressionSweep.Run(graph, shapes, grid, Calibration, Evaluation, Training, cache);
        var second = CompressionSweep.Run(graph, shapes, grid, Calibration, Evaluation, Training, new AutoencoderCache(cache.Folder));
        // Rows hold lists (each output's scores), so they compare as what the cache stores.
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(first.Rows), System.Text.Json.JsonSerializer.Serialize(second.Rows));
    }
}
