using System.Text.Json;
using QuiltNet.Tests;

namespace QuiltNet.Cli.Tests;

[Trait("Category", "Slow")]
public sealed class CompressCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string[] Compress(params string[] extra) =>
        ["compress", Repository.Model("fmnist_vit"), "--cuts", "94", "--calibration", "200", "--evaluation", "200", "--cache", _folder.File("cache"), .. extra];

    [Fact]
    public void Json_rows_carry_every_field_for_every_ratio_and_bit_width()
    {
        var run = CliRun.Of(Compress("--ratios", "2,8", "--bits", "32,4", "--method", "pca", "--json"));
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(4, rows.Count);
        foreach (var row in rows)
        {
            foreach (string field in new[] { "cut", "ratio", "bits", "method", "bytesBefore", "bytesAfter", "reconstructionError", "accuracyDropPp", "trainSeconds" })
                Assert.True(row.TryGetProperty(field, out _), $"missing {field}");
            Assert.Equal("pca", row.GetProperty("method").GetString());
            long expected = row.GetProperty("bytesBefore").GetInt64() / row.GetProperty("ratio").GetInt32() * row.GetProperty("bits").GetInt32() / 32;
            Assert.Equal(expected, row.GetProperty("bytesAfter").GetInt64());
        }
    }

    [Fact]
    public void Reconstruction_training_runs_and_prints_a_table()
    {
        var run = CliRun.Of(Compress("--ratios", "4", "--bits", "8", "--method", "mse", "--epochs", "1"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Compression sweep of fmnist_vit.onnx (mse", run.Output);
    }

    [Theory]
    [InlineData("--ratios", "0")]
    [InlineData("--bits", "7")]
    [InlineData("--stride", "3")]
    [InlineData("--cuts", "100000")]
    public void Impossible_options_are_one_line_errors(string option, string value)
    {
        var args = Compress("--method", "pca").ToList();
        int at = args.IndexOf(option);
        if (at >= 0) args[at + 1] = value;
        else args.AddRange([option, value]);
        CliRun.Of([.. args]).AssertInputError(option);
    }

    [Fact]
    public void An_empty_data_set_is_a_one_line_error()
    {
        var args = Compress("--method", "pca").ToList();
        args[args.IndexOf("--calibration") + 1] = "0";
        CliRun.Of([.. args]).AssertInputError("--calibration");
    }

    [Fact]
    public void Data_whose_shape_does_not_match_the_model_is_a_one_line_error()
    {
        string model = new ModelBuilder().Input("x", -1, 1, 32, 32).Node("Relu", ["x"], ["h"]).Node("Flatten", ["h"], ["y"])
            .Output("y", -1, 1024).Save(_folder.File("wide.onnx"));
        CliRun.Of("compress", model, "--cuts", "1", "--method", "pca", "--calibration", "10", "--evaluation", "10", "--no-cache")
            .AssertInputError("--data");
    }
}
