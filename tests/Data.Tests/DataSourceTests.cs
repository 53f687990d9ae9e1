using QuiltNet.Graph;
using QuiltNet.Tests;

namespace QuiltNet.Data.Tests;

public sealed class DataSourceTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Fixture(string name) => Path.Combine(Repository.DataFixtures, name);

    [Fact]
    public void One_folder_without_splits_is_split_by_seed_into_disjoint_parts_of_the_stated_sizes()
    {
        var options = new DataOptions { Preprocessing = new Preprocessing { Channels = 1 }, Calibration = 6, Evaluation = 5 };

        var splits = DataSource.Open(Fixture("fmnist"), options);
        var again = DataSource.Open(Fixture("fmnist"), options);
        var other = DataSource.Open(Fixture("fmnist"), options with { Seed = 2 });

        Assert.Equal(6, splits.Calibration.Count);
        Assert.Equal(5, splits.Evaluation.Count);
        Assert.Contains("seeded split (seed 1) into 6 calibration and 5 evaluation samples", splits.Description);
        var calibration = Enumerable.Range(0, 6).Select(i => string.Join(',', splits.Calibration.Slice(i, 1))).ToHashSet();
        Assert.All(Enumerable.Range(0, 5), i => Assert.DoesNotContain(string.Join(',', splits.Evaluation.Slice(i, 1)), calibration));
        Assert.Equal(splits.Calibration.Fingerprint(), again.Calibration.Fingerprint());
        Assert.NotEqual(splits.Calibration.Fingerprint(), other.Calibration.Fingerprint());
    }

    [Fact]
    public void A_source_too_small_for_both_sizes_is_halved()
    {
        var splits = DataSource.Open(Fixture("fmnist"), new DataOptions { Preprocessing = new Preprocessing { Channels = 1 } });

        Assert.Equal(8, splits.Calibration.Count);
        Assert.Equal(7, splits.Evaluation.Count);
    }

    [Fact]
    public void Idx_splits_are_taken_as_they_are()
    {
        var splits = DataSource.Open(Repository.Data, new DataOptions { Calibration = 100, Evaluation = 50 });

        Assert.Equal(SampleSet.Load(Repository.Data, SampleSet.Calibration, 100).Fingerprint(), splits.Calibration.Fingerprint());
        Assert.Equal(50, splits.Evaluation.Count);
    }

    [Fact]
    public void An_npz_archive_feeds_its_arrays_by_input_name_with_its_labels()
    {
        var set = DataSource.OpenOne(Fixture("fmnist.npz"), Preprocessing.Default);

        Assert.Equal(12, set.Count);
        Assert.True(set.HasLabels);
        var idx = SampleSet.Load(Repository.Data, SampleSet.Evaluation, 12);
        Assert.Equal(idx.Labels!, set.Labels!);
        var feeds = set.Feeds(0, 12, [new TensorInfo("input", ElementType.Float, [1, 1, 28, 28])]);
        Assert.Equal(idx.Slice(0, 12), (float[])feeds["input"].Data);
    }

    [Fact]
    public void Train_and_val_subfolders_are_the_splits()
    {
        foreach (var split in new[] { "train", "val" })
            foreach (var (from, to) in new[] { ("0-tshirt", "a"), ("1-trouser", "b") })
            {
                Directory.CreateDirectory(Path.Combine(_temp.Path, split, to));
                File.Copy(Path.Combine(Fixture("fmnist"), from, "a.png"), Path.Combine(_temp.Path, split, to, "x.png"));
            }

        var splits = DataSource.Open(_temp.Path, new DataOptions { Preprocessing = new Preprocessing { Channels = 1 } });

        Assert.Equal(2, splits.Calibration.Count);
        Assert.Equal(2, splits.Evaluation.Count);
        Assert.Contains("splits train", splits.Description);
    }

    [Fact]
    public void Labels_without_samples_and_a_missing_source_are_named()
    {
        var missing = Assert.Throws<QuiltNetException>(() => DataSource.Open(_temp.File("absent"), new DataOptions()));
        Assert.Equal($"{_temp.File("absent")}: data folder not found", missing.Message);

        var empty = Assert.Throws<QuiltNetException>(() => DataSource.Open(_temp.Path, new DataOptions()));
        Assert.StartsWith(_temp.Path + ": no images", empty.Message);

        File.WriteAllText(_temp.File("notes.txt"), "x");
        var nothing = Assert.Throws<QuiltNetException>(() => DataSource.Open(_temp.Path, new DataOptions()));
        Assert.StartsWith(_temp.Path + ": no data", nothing.Message);
    }

    [Fact]
    public void Dynamic_dimensions_bind_from_the_samples_and_a_wrong_shape_is_refused()
    {
        var graph = OnnxGraph.Load(Fixture("dynamic_hw.onnx"));
        var set = ImageFolder.Load(Fixture("colour"), new Preprocessing { Resize = (20, 24) });

        var bound = DataShapes.Bind(graph, set, new ShapeBindings());
        Assert.Equal([1L, 3, 20, 24], bound.InputShapes["image"]);
        var shapes = TensorShapeInference.Infer(graph, bound);
        Assert.Equal([1L, 3, 20, 24], shapes.Inputs[0].Shape);
        Assert.Equal("batch", shapes.Inputs[0].SymbolicDims[0]);

        var grey = ImageFolder.Load(Fixture("fmnist"), new Preprocessing { Channels = 1 });
        var e = Assert.Throws<ArgumentException>(() => DataShapes.Bind(graph, grey, new ShapeBindings()));
        Assert.Equal("data", e.ParamName);
        Assert.Contains("1x28x28", e.Message);
    }

    [Fact]
    public void More_classes_than_the_model_has_scores_is_refused()
    {
        var graph = OnnxGraph.Load(Fixture("dynamic_hw.onnx"));
        var shapes = TensorShapeInference.Infer(graph, new ShapeBindings { InputShapes = new Dictionary<string, long[]> { ["image"] = [1, 3, 8, 8] } });
        var eleven = new SampleSet(new float[11], Enumerable.Range(0, 11).ToArray(), [1], "eleven");

        var e = Assert.Throws<QuiltNetException>(() => DataShapes.CheckClasses(eleven, shapes, "logits"));

        Assert.Equal("eleven: 11 classes, but the model's output 'logits' has 10 scores per sample", e.Message);
        DataShapes.CheckClasses(new SampleSet(new float[10], Enumerable.Range(0, 10).ToArray(), [1], "ten"), shapes, "logits");
    }
}
