using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using QuiltNet.Tests;

namespace QuiltNet.HwCatalog.Tests;

public class BuiltInCatalogTests
{
    private static readonly HardwareCatalog Catalog = HardwareCatalog.BuiltIn;

    private static readonly string Folder = Path.Combine(Repository.Root, "HwCatalog");

    private static IEnumerable<string> CatalogFiles => Directory.GetFiles(Path.Combine(Folder, "Catalog"), "*.json").Order();

    public static TheoryData<string> CatalogFileNames => new(CatalogFiles.Select(Path.GetFileName).OfType<string>());

    [Fact]
    public void Loads_with_enough_chips_links_and_systems()
    {
        Assert.True(Catalog.Chips.Count >= 8, $"{Catalog.Chips.Count} chips");
        Assert.True(Catalog.Links.Count >= 8, $"{Catalog.Links.Count} links");
        Assert.True(Catalog.Systems.Count >= 5, $"{Catalog.Systems.Count} systems");
    }

    [Theory]
    [InlineData("eyeriss")]
    [InlineData("tpu-v1")]
    [InlineData("simba-chiplet")]
    [InlineData("aim-gddr6")]
    [InlineData("hbm-pim")]
    [InlineData("zcu102-dpu-b4096")]
    [InlineData("vck190-dpu")]
    [InlineData("edge-tpu")]
    [InlineData("myriad-x")]
    [InlineData("h100-sxm5")]
    [InlineData("jetson-agx-orin")]
    public void Has_the_chips_of_the_hardware_facts(string name) => Assert.Equal(name, Catalog.Chip(name).Name);

    [Theory]
    [InlineData("pcie3-x4")]
    [InlineData("pcie3-x16")]
    [InlineData("pcie4-x16")]
    [InlineData("pcie5-x16")]
    [InlineData("nvlink4")]
    [InlineData("ucie-standard")]
    [InlineData("ucie-advanced")]
    [InlineData("grs-simba")]
    [InlineData("eth-10g")]
    [InlineData("eth-25g")]
    [InlineData("eth-100g")]
    [InlineData("cxl2-x16")]
    public void Has_the_links_of_the_hardware_facts(string name) => Assert.Equal(name, Catalog.Link(name).Name);

    [Theory]
    [InlineData("simba4-grs", 4)]
    [InlineData("fpga4-pcie3", 4)]
    [InlineData("aim8-host", 8)]
    [InlineData("hetero-edge", 4)]
    [InlineData("h100x2-nvlink4", 2)]
    [InlineData("tpuv1-pcie3", 1)]
    public void Has_the_default_systems(string name, int chips) => Assert.Equal(chips, Catalog.System(name).Chips.Count);

    [Fact]
    public void Hetero_edge_mixes_chip_kinds_and_precisions()
    {
        var widths = Catalog.System("hetero-edge").Chips.Select(chip => chip.Chip.ActivationBytesPerElement.Value).Distinct();
        Assert.Equal([1.0, 2.0], widths.Order());
    }

    [Fact]
    public void Every_chip_and_link_cites_a_source_and_describes_itself()
    {
        Assert.All(Catalog.Chips, chip => Assert.False(string.IsNullOrWhiteSpace(chip.Source), chip.Name));
        Assert.All(Catalog.Links, link => Assert.False(string.IsNullOrWhiteSpace(link.Source), link.Name));
        Assert.All(Catalog.Chips, chip => Assert.False(string.IsNullOrWhiteSpace(chip.Description), chip.Name));
        Assert.All(Catalog.Links, link => Assert.False(string.IsNullOrWhiteSpace(link.Description), link.Name));
    }

    [Fact]
    public void Every_figure_has_a_quality_and_every_derived_or_approximate_one_says_why()
    {
        var figures = Catalog.Chips.SelectMany(chip => FiguresOf(chip).Select(f => ($"{chip.Name}.{f.Name}", f.Figure)))
            .Concat(Catalog.Links.SelectMany(link => FiguresOf(link).Select(f => ($"{link.Name}.{f.Name}", f.Figure))))
            .ToList();

        Assert.Equal(Catalog.Chips.Count * 11 + Catalog.Links.Count * 5, figures.Count);
        Assert.All(figures, figure => Assert.True(Enum.IsDefined(figure.Figure.Quality), figure.Item1));
        Assert.All(
            figures.Where(figure => figure.Figure.Quality is FigureQuality.Derived or FigureQuality.Approximate),
            figure => Assert.False(string.IsNullOrWhiteSpace(figure.Figure.Note), figure.Item1));
    }

    [Theory]
    [MemberData(nameof(CatalogFileNames))]
    public void Every_built_in_figure_states_its_quality_explicitly(string file)
    {
        // A bare number would default to approximate; the built-in catalog must say what each figure is.
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "Catalog", file)))!.AsObject();
        var entries = new[] { "chips", "links" }.SelectMany(list => root[list]?.AsArray() ?? []).OfType<JsonObject>();
        var figures = entries.SelectMany(entry => entry.Where(property => property.Key is not ("name" or "kind" or "description" or "source")));
        Assert.All(figures, property => Assert.True(property.Value is JsonObject { } figure && figure.ContainsKey("quality"), property.Key));
    }

    [Theory]
    [MemberData(nameof(CatalogFileNames))]
    public void Every_built_in_file_is_valid_against_the_schema(string file)
    {
        var schema = JsonSchema.FromText(
            File.ReadAllText(Path.Combine(Folder, "catalog.schema.json")),
            new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "Catalog", file)));

        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [Fact]
    public void Schema_enumerations_match_the_code()
    {
        var defs = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "catalog.schema.json")))!["$defs"]!;

        Assert.Equal(CamelNames<ChipKind>(), Strings(defs["chip"]!["properties"]!["kind"]!["enum"]!));
        Assert.Equal(CamelNames<FigureQuality>(), Strings(defs["figure"]!["properties"]!["quality"]!["enum"]!));
        Assert.Equal(CamelNames<TopologyKind>(), Strings(defs["topology"]!["properties"]!["kind"]!["enum"]!));
    }

    [Fact]
    public void The_dpu_board_splits_the_measured_kv260_power_into_idle_and_what_computing_adds()
    {
        // 9.15 W idle and 10.13 W under DPU load at the KV260's 12 V rail; the 0.98 W between them is the DPU's
        // MACs at 307 GMAC/s (one B4096 core at 300 MHz, half used) and its 3,132 MB/s of DDR traffic (PG338).
        var dpu = Catalog.Chip("zcu102-dpu-b4096");
        Assert.Equal(9.15, dpu.StaticPowerWatts.Value, 1e-9);
        double dynamicWatts = dpu.MacEnergyPicojoules.Value * 1e-12 * 2048 * 300e6 * 0.5 + dpu.DramEnergyPicojoulesPerByte.Value * 1e-12 * 3132e6;
        Assert.Equal(10.13 - 9.15, dynamicWatts, 0.01);
        Assert.Equal(0, dpu.SramEnergyPicojoulesPerByte.Value);
    }

    [Fact]
    public void Gigabit_ethernet_charges_its_phys_as_static_power_not_per_bit()
    {
        var eth = Catalog.Link("eth-1g");
        Assert.Equal(2 * 0.45, eth.StaticPowerWatts.Value, 1e-9);
        Assert.True(eth.EnergyPicojoulesPerBit.Value < 100, "per-bit energy left after the PHYs: data movement only");
    }

    [Fact]
    public void Headline_figures_are_converted_to_canonical_units()
    {
        var simba = Catalog.Chip("simba-chiplet");
        Assert.Equal(2.005e12, simba.PeakMacsPerSecond.Value, 1e3);
        Assert.Equal(FigureQuality.Derived, simba.PeakMacsPerSecond.Quality);
        Assert.Equal(0.19, simba.MacEnergyPicojoules.Value, 1e-12);
        Assert.Equal(0, simba.DramBytes.Value);
        Assert.Equal(simba.SramBytes.Value, simba.CapacityBytes);

        var tpu = Catalog.Chip("tpu-v1");
        Assert.Equal(28.0 * 1024 * 1024, tpu.SramBytes.Value);
        Assert.Equal(8.0 * 1024 * 1024 * 1024, tpu.CapacityBytes);
        Assert.Equal(23e12, tpu.EffectiveMacsPerSecond, 1e3);

        Assert.Equal(5e8, Catalog.Chip("myriad-x").DramBytes.Value);
        Assert.Equal(1.25e9, Catalog.Link("eth-10g").BandwidthBytesPerSecond.Value);
        Assert.Equal(2.2e-6, Catalog.Link("pcie3-x4").LatencySecondsPerHop.Value, 1e-15);
    }

    [Fact]
    public void Readme_lists_every_built_in_entry()
    {
        var readme = File.ReadAllText(Path.Combine(Folder, "README.md"));
        var names = Catalog.Chips.Select(c => c.Name).Concat(Catalog.Links.Select(l => l.Name)).Concat(Catalog.Systems.Select(s => s.Name));
        Assert.All(names, name => Assert.Contains($"`{name}`", readme));
    }

    [Fact]
    public void The_readme_example_loads()
    {
        var readme = File.ReadAllText(Path.Combine(Folder, "README.md"));
        var start = readme.IndexOf("```json", StringComparison.Ordinal) + "```json".Length;
        var example = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];

        var catalog = HardwareCatalog.FromJson(example, "README.md");

        Assert.Equal(3, catalog.System("npu3").Chips.Count);
        Assert.Equal(0.5, catalog.Chip("my-npu").WeightBytesPerElement.Value);
    }

    private static IEnumerable<(string Name, Figure Figure)> FiguresOf(object entry) =>
        entry.GetType().GetProperties().Where(p => p.PropertyType == typeof(Figure)).Select(p => (p.Name, (Figure)p.GetValue(entry)!));

    private static string[] CamelNames<TEnum>()
        where TEnum : struct, Enum =>
        Enum.GetNames<TEnum>().Select(JsonNamingPolicy.CamelCase.ConvertName).ToArray();

    private static string[] Strings(JsonNode array) => array.AsArray().Select(item => item!.GetValue<string>()).ToArray();
}
