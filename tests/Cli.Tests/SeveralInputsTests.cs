using System.Text.Json;
using QuiltNet.Tests;

namespace QuiltNet.Cli.Tests;

/// <summary>
/// Models that are not one-input classifiers. A map and a sequence in, logits and an auxiliary output out: it profiles,
/// splits at every candidate cut and verifies against the original; data that feeds one input is refused in one line.
/// The two-input fixture (an image and a feature vector) with its .npz, one array per input: compress, partition and
/// optimize fit autoencoders on it, at cuts that carry the live input 'features' too.
/// </summary>
public sealed class SeveralInputsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Model()
    {
        string path = _folder.File("two_in_two_out.onnx");
        new ModelBuilder()
            .Input("image", -1, 4, 6, 6).Input("tokens", -1, 5, 8)
            .Weight("k", 4, 4, 1, 1).Weight("w1", 8, 8).Weight("w2", 12, 10)
            .Node("Conv", ["image", "k"], ["c"]).Node("Relu", ["c"], ["map"])
            .Node("MatMul", ["tokens", "w1"], ["t"]).Node("Tanh", ["t"], ["seq"])
            .Node("GlobalAveragePool", ["map"], ["mp"]).Node("Flatten", ["mp"], ["mf"])
            .Node("ReduceMean", ["seq"], ["aux"], attributes: [ModelBuilder.Ints("axes", 1), ModelBuilder.Int("keepdims", 0)])
            .Node("Concat", ["mf", "aux"], ["both"], attributes: [ModelBuilder.Int("axis", 1)])
            .Node("MatMul", ["both", "w2"], ["logits"])
            .Output("logits", -1, 10).Output("aux", -1, 8)
            .Save(path);
        return path;
    }

    [Fact]
    public void Profile_split_and_verify_handle_several_inputs_and_outputs()
    {
        string model = Model();
        var profile = CliRun.Of("profile", model, "--json");
        Assert.True(profile.ExitCode == 0, profile.Error);
        using var json = JsonDocument.Parse(profile.Output);
        var cuts = json.RootElement.GetProperty("cuts").EnumerateArray().Select(c => c.GetProperty("position").GetInt32()).ToList();
        Assert.NotEmpty(cuts);

        string stages = _folder.File("stages");
        var split = CliRun.Of("split", model, "--cuts", string.Join(',', cuts), "--out", stages);
        Assert.True(split.ExitCode == 0, split.Error);
        var verify = CliRun.Of("verify", stages, "--json", "--count", "20");
        Assert.True(verify.ExitCode == 0, verify.Error);
        using var report = JsonDocument.Parse(verify.Output);
        Assert.True(report.RootElement.GetProperty("maxAbsDiff").GetDouble() <= 1e-5);
        Assert.Equal(2, report.RootElement.GetProperty("maxAbsDiffByOutput").EnumerateObject().Count());
    }

    [Fact]
    public void Compress_refuses_in_one_line_what_its_images_cannot_feed()
    {
        var run = CliRun.Of("compress", Model(), "--cuts", "2", "--ratios", "2", "--bits", "8", "--method", "pca", "--calibration", "10", "--evaluation", "10", "--no-cache");
        run.AssertInputError("input 'image'");
        Assert.Contains("one array per input name", run.Error);
    }

    private static string TwoInputs => Path.Combine(Repository.DataFixtures, "two_inputs.onnx");

    private static string TwoInputsData => Path.Combine(Repository.DataFixtures, "two_inputs.npz");

    private static readonly string[] Small = ["--epochs", "1", "--calibration", "24", "--evaluation", "24", "--no-cache"];

    [Fact]
    public void Compress_fits_every_cut_of_a_two_input_model_from_its_npz()
    {
        // Cut 2 carries the live input 'features' beside a feature map; cut 8 carries only the merged vector.
        var run = CliRun.Of(["compress", TwoInputs, "--data", TwoInputsData, "--cuts", "2,8", "--ratios", "2", "--bits", "32,8", "--json", .. Small]);

        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.True(r.GetProperty("bytesAfter").GetInt64() < r.GetProperty("bytesBefore").GetInt64()));
        Assert.Equal(0.625, json.RootElement.GetProperty("originalAccuracy").GetDouble(), 3);
    }

    [Fact]
    public void Partition_writes_a_plan_for_a_two_input_model()
    {
        AssertWritesPlan("partition", "--ratios", "2", "--bits", "32");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Optimize_writes_a_plan_for_a_two_input_model()
    {
        AssertWritesPlan("optimize", "--trials", "1");
    }

    private void AssertWritesPlan(string command, params string[] search)
    {
        string output = _folder.File(command);
        var run = CliRun.Of([command, "--model", TwoInputs, "--data", TwoInputsData, "--out", output, .. search, .. Small]);

        Assert.True(run.ExitCode == 0, run.Error);
        using var plan = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "plan.json")));
        Assert.NotEmpty(plan.RootElement.GetProperty("stages").EnumerateArray());
    }

    [Fact]
    public void Run_and_verify_feed_both_inputs_of_split_stages_from_the_npz()
    {
        // The first stage passes the live input 'features' through to the next.
        string stages = _folder.File("two_input_stages");
        Assert.Equal(0, CliRun.Of("split", TwoInputs, "--cuts", "2,7", "--out", stages).ExitCode);

        var verify = CliRun.Of("verify", stages, "--data", TwoInputsData, "--json");
        Assert.True(verify.ExitCode == 0, verify.Error);
        using var report = JsonDocument.Parse(verify.Output);
        Assert.True(report.RootElement.GetProperty("maxAbsDiff").GetDouble() <= 1e-5);

        var run = CliRun.Of("run", "--stages", stages, "--data", TwoInputsData, "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(48, json.RootElement.GetProperty("inputs").GetInt32());
        Assert.Equal(report.RootElement.GetProperty("stagedAccuracy").GetDouble(), json.RootElement.GetProperty("accuracy").GetDouble(), 6);
    }

    [Fact]
    public void An_npz_without_one_of_the_inputs_is_refused_naming_archive_and_input()
    {
        string archive = _folder.File("image_only.npz");
        using (var zip = System.IO.Compression.ZipFile.Open(archive, System.IO.Compression.ZipArchiveMode.Create))
        using (var source = System.IO.Compression.ZipFile.OpenRead(TwoInputsData))
            foreach (var entry in source.Entries.Where(e => e.Name != "features.npy"))
            {
                using var from = entry.Open();
                using var to = zip.CreateEntry(entry.FullName).Open();
                from.CopyTo(to);
            }

        var run = CliRun.Of(["compress", TwoInputs, "--data", archive, "--cuts", "2", "--ratios", "2", "--bits", "32", .. Small]);

        run.AssertInputError($"{archive} has no data for input 'features'");
    }
}
