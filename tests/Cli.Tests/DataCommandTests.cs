using System.Text.Json;
using QuiltNet.Tests;

namespace QuiltNet.Cli.Tests;

/// <summary>Every data source through every command that takes data, and bad data refused in one line.</summary>
public sealed class DataCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Fixture(string name) => Path.Combine(Repository.DataFixtures, name);

    private static string DynamicModel => Fixture("dynamic_hw.onnx");

    /// <summary>The VGG-style model split once; its stages take N x 1 x 28 x 28.</summary>
    private string Stages()
    {
        string output = _folder.File("stages");
        Assert.Equal(0, CliRun.Of("split", Repository.Model("fmnist_vgg"), "--cuts", "5", "--out", output).ExitCode);
        return output;
    }

    public static TheoryData<string, int> Sources => new()
    {
        { "idx", 15 },
        { "fmnist", 15 },
        { "fmnist.npz", 12 },
    };

    private static string Source(string name) => name == "idx" ? Repository.Data : Fixture(name);

    [Theory]
    [MemberData(nameof(Sources))]
    public void Verify_compares_on_every_source_with_both_accuracies(string source, int samples)
    {
        var run = CliRun.Of("verify", Stages(), "--data", Source(source), "--count", "15", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(samples, json.RootElement.GetProperty("samples").GetInt32());
        Assert.True(json.RootElement.GetProperty("maxAbsDiff").GetDouble() <= 1e-5);
        Assert.Equal(json.RootElement.GetProperty("originalAccuracy").GetDouble(), json.RootElement.GetProperty("stagedAccuracy").GetDouble());
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Run_feeds_every_source_through_the_pipeline(string source, int samples)
    {
        var run = CliRun.Of("run", "--stages", Stages(), "--data", Source(source), "--count", "15", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(samples, json.RootElement.GetProperty("inputs").GetInt32());
        Assert.InRange(json.RootElement.GetProperty("accuracy").GetDouble(), 0.5, 1);
    }

    [Fact]
    public void Unlabelled_images_run_and_verify_without_accuracy()
    {
        string flat = _folder.File("flat");
        Directory.CreateDirectory(flat);
        foreach (var file in Directory.GetFiles(Path.Combine(Fixture("fmnist"), "3-dress")))
            File.Copy(file, Path.Combine(flat, Path.GetFileName(file)));
        string stages = Stages();

        var run = CliRun.Of("run", "--stages", stages, "--data", flat);
        var verify = CliRun.Of("verify", stages, "--data", flat, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Accuracy:   - (unlabelled data)", run.Output);
        Assert.Equal(0, verify.ExitCode);
        using var json = JsonDocument.Parse(verify.Output);
        Assert.Equal(2, json.RootElement.GetProperty("samples").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("originalAccuracy").ValueKind);
    }

    [Fact]
    public void Compress_measures_on_an_image_folder_split_by_seed_and_says_so()
    {
        var run = CliRun.Of("compress", DynamicModel, "--cuts", "2", "--ratios", "2", "--bits", "8", "--method", "pca", "--no-cache",
            "--data", Fixture("colour"), "--resize", "24x24", "--mean", "0.485,0.456,0.406", "--std", "0.229,0.224,0.225", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("seeded split (seed 1) into 3 calibration and 3 evaluation samples", run.Error);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Single(json.RootElement.GetProperty("rows").EnumerateArray());
    }

    [Fact]
    public void Compress_takes_an_npz_archive_and_an_input_shape()
    {
        var run = CliRun.Of("compress", Repository.Model("fmnist_vgg"), "--cuts", "5", "--ratios", "2", "--bits", "8", "--method", "pca",
            "--no-cache", "--data", Fixture("fmnist.npz"), "--input-shape", "input=1x1x28x28", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("fmnist.npz: 12 samples, labelled", run.Error);
    }

    [Fact]
    public void Accuracy_on_unlabelled_data_is_a_one_line_error()
    {
        string flat = _folder.File("flat");
        Directory.CreateDirectory(flat);
        foreach (var file in Directory.GetFiles(Path.Combine(Fixture("colour"), "warm")))
            File.Copy(file, Path.Combine(flat, Path.GetFileName(file)));

        // Without --metric, unlabelled data is measured by agreement with the uncompressed model; accuracy needs labels.
        CliRun.Of("compress", DynamicModel, "--cuts", "2", "--ratios", "2", "--bits", "8", "--method", "pca", "--no-cache",
            "--data", flat, "--resize", "16x16", "--metric", "accuracy").AssertInputError("has no labels");
    }

    [Fact]
    public void Bad_data_is_one_line_naming_the_file_and_nothing_is_written()
    {
        string data = _folder.File("bad");
        Directory.CreateDirectory(Path.Combine(data, "a"));
        Directory.CreateDirectory(Path.Combine(data, "b"));
        File.Copy(Path.Combine(Fixture("colour"), "warm", "a.png"), Path.Combine(data, "a", "1.png"));
        File.Copy(Path.Combine(Fixture("colour"), "warm", "e.png"), Path.Combine(data, "b", "1.png"));
        File.WriteAllText(Path.Combine(data, "b", "2.png"), "not a png");
        File.Copy(Path.Combine(Fixture("colour"), "cool", "b.jpg"), Path.Combine(data, "a", "2.jpg"));
        string output = _folder.File("plan");

        var run = CliRun.Of("partition", "--model", DynamicModel, "--data", data, "--resize", "16x16", "--no-cache", "--epochs", "1", "--out", output);

        run.AssertInputError(Path.Combine(data, "b", "2.png"));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Wrong_shapes_empty_folders_and_too_many_classes_are_one_line_errors()
    {
        string[] Compress(string data, params string[] extra) =>
            ["compress", DynamicModel, "--cuts", "2", "--ratios", "2", "--bits", "8", "--method", "pca", "--no-cache", "--data", data, .. extra];

        CliRun.Of(Compress(Fixture("fmnist.npz"))).AssertInputError("--data");

        string empty = _folder.File("empty");
        Directory.CreateDirectory(empty);
        CliRun.Of(Compress(empty)).AssertInputError(empty);

        string many = _folder.File("many");
        for (int c = 0; c < 11; c++)
        {
            Directory.CreateDirectory(Path.Combine(many, $"c{c:00}"));
            File.Copy(Path.Combine(Fixture("colour"), "warm", "a.png"), Path.Combine(many, $"c{c:00}", "x.png"));
        }
        CliRun.Of(Compress(many, "--resize", "8x8")).AssertInputError("11 classes");
    }

    [Fact]
    public void Hw_validate_times_the_stages_at_the_size_of_the_data()
    {
        var run = CliRun.Of("hw", "validate", "--model", DynamicModel, "--cuts", "2", "--seconds", "0.05",
            "--data", Fixture("colour"), "--resize", "24x24", "--json");
        Assert.Equal(0, run.ExitCode);

        CliRun.Of("hw", "validate", "--model", DynamicModel, "--cuts", "2", "--seconds", "0.05", "--data", Fixture("fmnist.npz"))
            .AssertInputError("--data");
    }

    [Fact]
    public void Image_settings_on_array_data_are_refused()
    {
        CliRun.Of("verify", Stages(), "--data", Fixture("fmnist.npz"), "--resize", "28x28").AssertInputError("--resize");
        CliRun.Of("verify", Stages(), "--data", Repository.Data, "--layout", "nhwc").AssertInputError("--layout");
    }

    [Theory]
    [InlineData("--resize", "32")]
    [InlineData("--mean", "0.5,0.5")]
    [InlineData("--std", "0")]
    [InlineData("--scale", "x")]
    public void Bad_preprocessing_flags_are_one_line_errors(string flag, string value)
    {
        CliRun.Of("compress", DynamicModel, "--cuts", "2", "--method", "pca", "--no-cache", "--data", Fixture("colour"), flag, value)
            .AssertInputError(flag);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void A_model_with_dynamic_height_and_width_goes_through_compress_partition_and_optimize_on_an_image_folder()
    {
        string[] data = ["--data", Fixture("colour"), "--resize", "40x40", "--keep-ratio", "--mean", "0.5", "--std", "0.25", "--no-cache", "--epochs", "1"];

        var compress = CliRun.Of(["compress", DynamicModel, "--cuts", "2", "--ratios", "2", "--bits", "8", "--json", .. data]);
        Assert.Equal(0, compress.ExitCode);

        string plan = _folder.File("plan");
        var partition = CliRun.Of(["partition", "--model", DynamicModel, "--out", plan, "--json", .. data]);
        Assert.Equal(0, partition.ExitCode);
        Assert.True(File.Exists(Path.Combine(plan, "plan.json")));

        string search = _folder.File("search");
        var optimize = CliRun.Of(["optimize", "--model", DynamicModel, "--out", search, "--trials", "2", .. data]);
        Assert.Equal(0, optimize.ExitCode);
        Assert.True(File.Exists(Path.Combine(search, "plan.json")));
        // The stages keep height and width dynamic: the written plan runs on images of another size.
        var verify = CliRun.Of("verify", Path.Combine(search, "manifest.json"), "--data", Fixture("colour"), "--resize", "24x24", "--tolerance", "1e9", "--json");
        Assert.Equal(0, verify.ExitCode);
        var run = CliRun.Of("run", "--plan", Path.Combine(search, "plan.json"), "--data", Fixture("colour"), "--resize", "24x24", "--batch", "2");
        Assert.Equal(0, run.ExitCode);
    }
}
