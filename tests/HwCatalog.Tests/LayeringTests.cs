using System.Text.Json.Nodes;
using QuiltNet.Tests;

namespace QuiltNet.HwCatalog.Tests;

public sealed class LayeringTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_user_file_overrides_a_built_in_system_of_the_same_name()
    {
        var mine = new JsonObject
        {
            ["name"] = "fpga4-pcie3",
            ["description"] = "Two boards on 10 GbE.",
            ["chips"] = new JsonArray(new JsonObject { ["chip"] = "zcu102-dpu-b4096", ["count"] = 2 }),
            ["topology"] = Samples.TopologyJson("chain", "eth-10g"),
            ["hostLink"] = "pcie3-x4",
        };

        var catalog = Load(Samples.Catalog(systems: [mine]));

        var system = catalog.System("fpga4-pcie3");
        Assert.Equal("Two boards on 10 GbE.", system.Description);
        Assert.Equal(2, system.Chips.Count);
        Assert.Equal("eth-10g", system.Connections.Single().Link.Name);
        Assert.Equal(HardwareCatalog.BuiltIn.Systems.Count, catalog.Systems.Count);
        Assert.Equal(
            HardwareCatalog.BuiltIn.Systems.Select(s => s.Name).ToList().IndexOf("fpga4-pcie3"),
            catalog.Systems.Select(s => s.Name).ToList().IndexOf("fpga4-pcie3"));
        Assert.Equal(4, HardwareCatalog.BuiltIn.System("fpga4-pcie3").Chips.Count);
    }

    [Fact]
    public void A_user_chip_replaces_the_built_in_one_in_built_in_systems_too()
    {
        var faster = Samples.ChipJson("simba-chiplet", "chiplet");
        faster["peakMacsPerSecond"] = 4e12;
        faster["dramBytes"] = 0;

        var catalog = Load(Samples.Catalog(chips: [faster]));

        Assert.Equal(4e12, catalog.Chip("simba-chiplet").PeakMacsPerSecond.Value);
        Assert.All(catalog.System("simba4-grs").Chips, chip => Assert.Equal(4e12, chip.Chip.PeakMacsPerSecond.Value));
        Assert.Equal(HardwareCatalog.BuiltIn.Chips.Count, catalog.Chips.Count);
    }

    [Fact]
    public void A_system_of_cpu_chips_from_a_user_file_replaces_the_built_in_one_of_its_name()
    {
        var cpu = Samples.ChipJson("cpu-core", "cpu");
        cpu["peakMacsPerSecond"] = new JsonObject { ["value"] = 40, ["unit"] = "GMAC/s", ["quality"] = "measured", ["note"] = "calibrated" };
        var system = Samples.SystemJson("cpu-local", Samples.TopologyJson("fullyConnected", "memory"), count: 2, chip: "cpu-core", hostLink: "memory");
        var memory = Samples.LinkJson("memory", bandwidth: 2e10, latency: 1e-7, energy: 20);

        var catalog = Load(Samples.Catalog(chips: [cpu], links: [memory], systems: [system]));

        var local = catalog.System("cpu-local");
        Assert.All(local.Chips, chip => Assert.Equal(ChipKind.Cpu, chip.Chip.Kind));
        Assert.Equal(["chip0", "chip1"], local.Chips.Select(chip => chip.Id));
        Assert.All(local.Chips, chip => Assert.Equal("cpu-core", chip.Chip.Name));
        Assert.Equal(HardwareCatalog.BuiltIn.Systems.Count, catalog.Systems.Count);
        Assert.Equal(HardwareCatalog.BuiltIn.Chip("tpu-v1"), catalog.Chip("tpu-v1"));
    }

    [Fact]
    public void A_user_system_can_name_built_in_chips_and_links()
    {
        var system = new JsonObject
        {
            ["name"] = "mixed",
            ["description"] = "Built-in parts.",
            ["chips"] = new JsonArray(new JsonObject { ["chip"] = "h100-sxm5", ["id"] = "gpu" }, new JsonObject { ["chip"] = "tpu-v1", ["id"] = "tpu" }),
            ["topology"] = Samples.TopologyJson("chain", "pcie4-x16"),
            ["hostLink"] = "pcie4-x16",
        };

        var mixed = Load(Samples.Catalog(systems: [system])).System("mixed");

        Assert.Equal([ChipKind.Gpu, ChipKind.Asic], mixed.Chips.Select(chip => chip.Chip.Kind));
        Assert.Equal(["gpu", "tpu"], mixed.Chips.Select(chip => chip.Id));
    }

    [Fact]
    public void Built_in_systems_a_user_file_leaves_alone_equal_their_built_in_selves()
    {
        var faster = Samples.ChipJson("simba-chiplet", "chiplet");
        faster["dramBytes"] = 0;
        var mine = Samples.SystemJson("mine", Samples.TopologyJson("chain", "pcie3-x4"), chip: "tpu-v1", hostLink: "pcie3-x4");

        var catalog = Load(Samples.Catalog(chips: [faster], systems: [mine]));

        var own = catalog.Systems.Where(system => !HardwareCatalog.BuiltIn.Systems.Contains(system)).Select(system => system.Name);
        Assert.Equal(["simba4-grs", "mine"], own);
        Assert.Equal(HardwareCatalog.BuiltIn.System("aim8-host"), catalog.System("aim8-host"));
        Assert.Equal(HardwareCatalog.BuiltIn.System("aim8-host").GetHashCode(), catalog.System("aim8-host").GetHashCode());
    }

    [Fact]
    public void Names_are_found_without_regard_to_case()
    {
        Assert.Equal("simba4-grs", HardwareCatalog.BuiltIn.System("SIMBA4-GRS").Name);
        Assert.Equal("tpu-v1", HardwareCatalog.BuiltIn.Chip("TPU-v1").Name);
    }

    [Theory]
    [InlineData("chip")]
    [InlineData("link")]
    [InlineData("system")]
    public void An_unknown_name_gets_one_line_listing_the_known_ones(string what)
    {
        var catalog = HardwareCatalog.BuiltIn;
        Action lookup = what switch
        {
            "chip" => () => catalog.Chip("nope"),
            "link" => () => catalog.Link("nope"),
            _ => () => catalog.System("nope"),
        };

        var error = Assert.Throws<CatalogException>(lookup);

        Assert.DoesNotContain('\n', error.Message);
        Assert.StartsWith($"unknown {what} 'nope'; known {what}s: ", error.Message);
        Assert.Contains(what == "link" ? "pcie3-x4" : what == "chip" ? "tpu-v1" : "simba4-grs", error.Message);
    }

    [Fact]
    public void A_missing_file_gets_one_line_naming_it()
    {
        var path = folder.File("absent.json");

        var error = Assert.Throws<CatalogException>(() => HardwareCatalog.Load(path));

        Assert.Equal($"{path}: catalog file not found", error.Message);
        Assert.Equal(path, error.SourceName);
    }

    [Fact]
    public void A_file_on_disk_loads_and_its_problems_are_prefixed_with_its_name()
    {
        var good = Write("good.json", Samples.Catalog(links: [Samples.LinkJson("wire")]));
        Assert.Equal("wire", HardwareCatalog.Load(good).Link("wire").Name);

        var link = Samples.LinkJson("wire", bandwidth: -1);
        link["latencySecondsPerHop"] = new JsonObject { ["value"] = 1, ["unit"] = "W" };
        var bad = Write("bad.json", Samples.Catalog(links: [link]));

        var lines = Assert.Throws<CatalogException>(() => HardwareCatalog.Load(bad)).Message.Split(Environment.NewLine);

        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.StartsWith($"{bad}: $.links[0].", line));
    }

    [Fact]
    public void An_empty_catalog_file_is_the_built_in_catalog()
    {
        var catalog = Load("{}");

        Assert.Equal(HardwareCatalog.BuiltIn.Chips, catalog.Chips);
        Assert.Equal(HardwareCatalog.BuiltIn.Links, catalog.Links);
        Assert.Equal(HardwareCatalog.BuiltIn.Systems, catalog.Systems);
    }

    private HardwareCatalog Load(string json) => HardwareCatalog.Load(Write("catalog.json", json));

    private string Write(string name, string json)
    {
        var path = folder.File(name);
        File.WriteAllText(path, json);
        return path;
    }
}
