using System.Text.Json;
using QuiltNet.Tests;

namespace QuiltNet.Cli.Tests;

public sealed class ProfileCommandTests
{
    [Fact]
    public void Without_a_model_profiles_the_bundled_one()
    {
        var run = CliRun.Of("profile");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(BundledExamples.DefaultModelFile, run.Output);
        Assert.Contains("Candidate cuts", run.Output);
        Assert.Contains("Totals", run.Output);
    }

    [Fact]
    public void Json_carries_totals_and_cuts_with_their_tensors()
    {
        var run = CliRun.Of("profile", Repository.Model("fmnist_vgg"), "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        var totals = root.GetProperty("totals");
        long macs = totals.GetProperty("macs").GetInt64();
        Assert.True(macs > 1_000_000);
        Assert.Equal(root.GetProperty("layers").EnumerateArray().Sum(l => l.GetProperty("macs").GetInt64()), macs);
        Assert.True(totals.GetProperty("parameters").GetInt64() > 10_000);
        Assert.True(totals.GetProperty("weightBytes").GetInt64() >= 4 * totals.GetProperty("parameters").GetInt64());
        var cuts = root.GetProperty("cuts").EnumerateArray().ToList();
        Assert.NotEmpty(cuts);
        foreach (var cut in cuts)
        {
            Assert.True(cut.GetProperty("position").GetInt32() > 0);
            var tensors = cut.GetProperty("tensors").EnumerateArray().ToList();
            Assert.NotEmpty(tensors);
            Assert.Equal(tensors.Sum(t => t.GetProperty("bytes").GetInt64()), cut.GetProperty("bytes").GetInt64());
            Assert.All(tensors, t =>
            {
                Assert.False(string.IsNullOrEmpty(t.GetProperty("name").GetString()));
                long elements = t.GetProperty("shape").EnumerateArray().Aggregate(1L, (p, d) => p * d.GetInt64());
                Assert.Equal(4 * elements, t.GetProperty("bytes").GetInt64()); // fp32 activations
            });
        }
    }

    [Fact]
    public void Input_shape_binds_the_batch()
    {
        var one = JsonDocument.Parse(CliRun.Of("profile", Repository.Model("fmnist_resnet"), "--json").Output);
        var four = JsonDocument.Parse(CliRun.Of("profile", Repository.Model("fmnist_resnet"), "--json", "--input-shape", "input=4x1x28x28").Output);
        long Macs(JsonDocument d) => d.RootElement.GetProperty("totals").GetProperty("macs").GetInt64();
        Assert.Equal(4 * Macs(one), Macs(four));
    }

    [Fact]
    public void Missing_file_is_one_line_naming_it()
    {
        CliRun.Of("profile", "/nonexistent/model.onnx").AssertInputError("/nonexistent/model.onnx");
    }

    [Fact]
    public void Non_onnx_file_is_one_line_naming_it()
    {
        using var folder = new TempFolder();
        string path = folder.File("notes.onnx");
        File.WriteAllText(path, "not a model at all");
        CliRun.Of("profile", path).AssertInputError("notes.onnx");
    }

    [Fact]
    public void Truncated_onnx_file_is_one_line_naming_it()
    {
        using var folder = new TempFolder();
        string path = folder.File("half.onnx");
        var bytes = File.ReadAllBytes(Repository.Model("fmnist_vgg"));
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        CliRun.Of("profile", path).AssertInputError("half.onnx");
    }

    [Fact]
    public void Bad_input_shape_is_one_line_naming_the_option()
    {
        CliRun.Of("profile", Repository.Model("fmnist_vgg"), "--input-shape", "input=1x1x28").AssertInputError("--input-shape");
    }
}
