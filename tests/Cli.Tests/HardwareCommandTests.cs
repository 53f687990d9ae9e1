using System.Text.Json;
using QuiltNet.Tests;

namespace QuiltNet.Cli.Tests;

public sealed class HardwareCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Hw_list_shows_systems_chips_and_links()
    {
        var run = CliRun.Of("hw", "list");
        Assert.Equal(0, run.ExitCode);
        foreach (string name in new[] { "Systems", "Chips", "Links", "fpga4-pcie3", "simba4-grs", "aim8-host", "cpu-local" })
            Assert.Contains(name, run.Output);
    }

    [Fact]
    public void Hw_show_gives_every_figure_with_its_quality()
    {
        var run = CliRun.Of("hw", "show", "simba-chiplet", "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var peak = json.RootElement.GetProperty("peakMacsPerSecond");
        Assert.True(peak.GetProperty("value").GetDouble() > 1e12);
        Assert.False(string.IsNullOrEmpty(peak.GetProperty("quality").GetString()));
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("source").GetString()));
    }

    [Fact]
    public void Hw_show_prints_static_and_dynamic_power_with_their_sources()
    {
        var run = CliRun.Of("hw", "show", "zcu102-dpu-b4096");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Power: static 9.15 W", run.Output);
        Assert.Contains("dynamic 1.56 pJ/MAC", run.Output);
        Assert.Contains("KV260", run.Output);
        var link = CliRun.Of("hw", "show", "eth-1g");
        Assert.Contains("Power: static 0.9 W", link.Output);
    }

    [Fact]
    public void Hw_validate_prints_predicted_and_measured_time_per_stage_and_the_summary()
    {
        var run = CliRun.Of("hw", "validate", "--model", Repository.Model("fmnist_vgg"), "--hw", "cpu-local", "--seconds", "0.02", "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var stages = json.RootElement.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(2 + 4, stages.Count); // the default splits: 2 and 4 stages
        Assert.All(stages, s =>
        {
            Assert.True(s.GetProperty("predictedSeconds").GetDouble() > 0);
            Assert.True(s.GetProperty("measuredSeconds").GetDouble() > 0);
            Assert.True(s.TryGetProperty("errorPercent", out _));
        });
        Assert.True(json.RootElement.GetProperty("medianAbsoluteErrorPercent").GetDouble() >= 0);
        Assert.InRange(json.RootElement.GetProperty("spearman").GetDouble(), -1, 1);

        var table = CliRun.Of("hw", "validate", "--model", Repository.Model("fmnist_vgg"), "--stages", "3", "--seconds", "0.02");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("3 stages", table.Output);
        Assert.Contains("median absolute error", table.Output);
    }

    [Fact]
    public void Hw_validate_refuses_cuts_and_stages_together_and_cuts_that_do_not_exist()
    {
        CliRun.Of("hw", "validate", "--model", Repository.Model("fmnist_vgg"), "--cuts", "5", "--stages", "2").AssertInputError("--stages");
        CliRun.Of("hw", "validate", "--model", Repository.Model("fmnist_vgg"), "--cuts", "9999").AssertInputError("--cuts");
        CliRun.Of("hw", "validate", "--model", Repository.Model("fmnist_vgg"), "--stages", "0").AssertInputError("--stages");
    }

    [Fact]
    public void Hw_show_of_an_unknown_name_lists_the_systems()
    {
        CliRun.Of("hw", "show", "no-such-thing").AssertInputError("fpga4-pcie3");
    }

    [Fact]
    public void Simulate_reports_stages_links_throughput_latency_and_energy()
    {
        string timeline = _temp.File("timeline.json");
        var run = CliRun.Of("simulate", "--model", Repository.Model("fmnist_resnet"), "--hw", "fpga4-pcie3", "--cuts", Cuts("fmnist_resnet", 3),
            "--compression", $"{Cuts("fmnist_resnet", 3).Split(',')[0]}=8x", "--json", "--timeline", timeline, "--inputs", "200");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("throughputPerSecond").GetDouble() > 0);
        Assert.True(root.GetProperty("latencySeconds").GetDouble() > 0);
        Assert.True(root.GetProperty("energyJoulesPerInference").GetDouble() > 0);
        Assert.Equal(4, root.GetProperty("stages").GetArrayLength());
        Assert.Equal(5, root.GetProperty("links").GetArrayLength()); // host in, three cuts, host out
        Assert.Equal(8, root.GetProperty("links")[1].GetProperty("compressionFactor").GetDouble());
        Assert.InRange(root.GetProperty("eventThroughputPerSecond").GetDouble() / root.GetProperty("throughputPerSecond").GetDouble(), 0.99, 1.01);

        using var trace = JsonDocument.Parse(File.ReadAllText(timeline));
        Assert.Equal(9 * 200 + 9, trace.RootElement.GetProperty("traceEvents").GetArrayLength());
    }

    [Fact]
    public void Simulate_on_a_user_catalog_file_uses_its_system()
    {
        string file = _temp.File("mine.json");
        File.WriteAllText(file, """
        { "systems": [ { "name": "two-dpus", "description": "two DPU boards on 10 GbE",
            "chips": [ { "chip": "zcu102-dpu-b4096", "count": 2 } ],
            "topology": { "kind": "chain", "link": "eth-10g" }, "hostLink": "pcie3-x4" } ] }
        """);
        var run = CliRun.Of("simulate", "--model", Repository.Model("fmnist_vgg"), "--hw", file, "--cuts", Cuts("fmnist_vgg", 1), "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("two-dpus", json.RootElement.GetProperty("system").GetString());
        Assert.Equal("eth-10g", json.RootElement.GetProperty("links")[1].GetProperty("links").GetString());
    }

    [Fact]
    public void Malformed_catalog_file_names_the_file_and_the_json_path()
    {
        string file = _temp.File("bad.json");
        File.WriteAllText(file, """{ "links": [ { "name": "x", "description": "d", "source": "s", "bandwidthBytesPerSecond": -5, "latencySecondsPerHop": 0, "energyPicojoulesPerBit": 1 } ] }""");
        var run = CliRun.Of("simulate", "--model", Repository.Model("fmnist_vgg"), "--hw", file, "--cuts", Cuts("fmnist_vgg", 1));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("bad.json", run.Error);
        Assert.Contains("$.links[0].bandwidthBytesPerSecond", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public void Simulate_with_more_stages_than_chips_is_an_input_error()
    {
        CliRun.Of("simulate", "--model", Repository.Model("fmnist_vgg"), "--hw", "h100x2-nvlink4", "--cuts", Cuts("fmnist_vgg", 3)).AssertInputError("has 2 chips");
    }

    private static string Cuts(string model, int count)
    {
        using var json = JsonDocument.Parse(CliRun.Of("profile", Repository.Model(model), "--json").Output);
        var all = json.RootElement.GetProperty("cuts").EnumerateArray().Select(c => c.GetProperty("position").GetInt32()).ToArray();
        return string.Join(',', Enumerable.Range(1, count).Select(i => all[i * all.Length / (count + 1)]));
    }
}
