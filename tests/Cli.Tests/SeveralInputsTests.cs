using System.Text.Json;
using QuiltNet.Tests;

namespace QuiltNet.Cli.Tests;

/// <summary>
/// A model that is not a one-input classifier: a map and a sequence in, logits and an auxiliary output out. It
/// profiles, splits at every candidate cut and verifies against the original; compress, whose labelled images
/// feed one input, refuses in one line.
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
    }
}
