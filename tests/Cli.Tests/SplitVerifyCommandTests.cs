using System.Text.Json;
using QuiltNet.Tests;

namespace QuiltNet.Cli.Tests;

public sealed class SplitVerifyCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Temp => _folder.Path;

    public void Dispose() => _folder.Dispose();

    private int[] Cuts(string model, int count)
    {
        using var json = JsonDocument.Parse(CliRun.Of("profile", Repository.Model(model), "--json").Output);
        var all = json.RootElement.GetProperty("cuts").EnumerateArray().Select(c => c.GetProperty("position").GetInt32()).ToArray();
        return Enumerable.Range(1, count).Select(i => all[i * all.Length / (count + 1)]).ToArray();
    }

    [Fact]
    public void Split_writes_stages_and_manifest_that_verify_against_the_original()
    {
        string output = Path.Combine(Temp, "stages");
        var cuts = Cuts("fmnist_mobilenet", 3);
        var split = CliRun.Of("split", Repository.Model("fmnist_mobilenet"), "--cuts", string.Join(',', cuts), "--out", output);
        Assert.Equal(0, split.ExitCode);

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json")));
        var stages = manifest.RootElement.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(4, stages.Count);
        Assert.All(stages, s => Assert.True(File.Exists(Path.Combine(output, s.GetProperty("file").GetString()!))));
        Assert.Equal(1, manifest.RootElement.GetProperty("inputShapes").GetProperty("input")[0].GetInt64());
        for (int k = 1; k < stages.Count; k++)
            Assert.Equal(
                stages[k - 1].GetProperty("outputs").EnumerateArray().Select(t => t.GetProperty("name").GetString()),
                stages[k].GetProperty("inputs").EnumerateArray().Select(t => t.GetProperty("name").GetString()));

        var verify = CliRun.Of("verify", output, "--json", "--data", Repository.Data, "--count", "100");
        Assert.Equal(0, verify.ExitCode);
        using var report = JsonDocument.Parse(verify.Output);
        Assert.True(report.RootElement.GetProperty("maxAbsDiff").GetDouble() <= 1e-5);
        Assert.Equal(100, report.RootElement.GetProperty("samples").GetInt32());
        Assert.Equal(report.RootElement.GetProperty("originalAccuracy").GetDouble(), report.RootElement.GetProperty("stagedAccuracy").GetDouble());

        var random = CliRun.Of("verify", output);
        Assert.Equal(0, random.ExitCode);
        Assert.Contains("maxAbsDiff:", random.Output);
    }

    [Fact]
    public void Cut_that_does_not_exist_writes_nothing()
    {
        string output = Path.Combine(Temp, "never");
        CliRun.Of("split", Repository.Model("fmnist_vgg"), "--cuts", "3,99999", "--out", output).AssertInputError("99999");
        Assert.False(Directory.Exists(output));
        Assert.Empty(Directory.GetFileSystemEntries(Temp));
    }

    [Fact]
    public void Cuts_that_are_not_numbers_are_named()
    {
        CliRun.Of("split", Repository.Model("fmnist_vgg"), "--cuts", "3,x", "--out", Path.Combine(Temp, "o")).AssertInputError("--cuts");
    }

    [Fact]
    public void Verify_of_a_folder_without_manifest_is_named()
    {
        CliRun.Of("verify", Temp).AssertInputError("manifest.json");
    }

    [Fact]
    public void Missing_required_option_fails_with_usage_not_a_crash()
    {
        var run = CliRun.Of("split", Repository.Model("fmnist_vgg"));
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--cuts", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public void Help_explains_every_command()
    {
        var run = CliRun.Of("--help");
        Assert.Equal(0, run.ExitCode);
        foreach (string command in new[] { "profile", "split", "verify" })
            Assert.Contains(command, run.Output);
    }
}
