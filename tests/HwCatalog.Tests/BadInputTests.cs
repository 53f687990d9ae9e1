using System.Text.Json.Nodes;
using static QuiltNet.HwCatalog.Tests.Samples;

namespace QuiltNet.HwCatalog.Tests;

/// <summary>Each kind of bad input gets one problem, at the JSON path of the field at fault.</summary>
public class BadInputTests
{
    [Fact]
    public void Malformed_json_names_line_and_position()
    {
        var message = SingleProblemAt("{\n  \"links\": [\n    { \"name\": \"x\" oops }\n  ]\n}", "$");

        Assert.StartsWith("malformed JSON at line 3, position ", message);
    }

    [Fact]
    public void A_property_written_twice_is_reported_where_it_repeats()
    {
        var message = SingleProblemAt("""{ "links": [], "links": [] }""", "$.links");

        Assert.Contains("more than once", message);
    }

    [Fact]
    public void An_unknown_property_is_a_schema_violation()
    {
        var link = LinkJson();
        link["colour"] = "red";

        Assert.Equal("unknown property 'colour'", SingleProblemAt(Catalog(links: [link]), "$.links[0].colour"));
    }

    [Fact]
    public void An_unknown_top_level_list_is_a_schema_violation()
    {
        Assert.Equal("unknown property 'boards'", SingleProblemAt("""{ "boards": [] }""", "$.boards"));
    }

    [Fact]
    public void A_name_of_the_wrong_type_is_a_schema_violation()
    {
        var link = LinkJson();
        link["name"] = 42;

        Assert.Contains("string", SingleProblemAt(Catalog(links: [link]), "$.links[0].name"));
    }

    [Fact]
    public void A_missing_figure_is_reported_at_the_figure()
    {
        var chip = ChipJson();
        chip.Remove("sramBytes");

        Assert.Contains("missing", SingleProblemAt(Catalog(chips: [chip]), "$.chips[0].sramBytes"));
    }

    [Fact]
    public void A_figure_that_is_neither_number_nor_object_says_what_it_should_be()
    {
        var chip = ChipJson();
        chip["sramBytes"] = "8 MB";

        Assert.Contains("expected a number in B", SingleProblemAt(Catalog(chips: [chip]), "$.chips[0].sramBytes"));
    }

    [Fact]
    public void A_negative_bandwidth_is_reported_at_the_bandwidth()
    {
        var message = SingleProblemAt(Catalog(links: [LinkJson(bandwidth: -5)]), "$.links[0].bandwidthBytesPerSecond");

        Assert.Contains("greater than 0", message);
    }

    [Fact]
    public void A_zero_peak_rate_is_reported()
    {
        var chip = ChipJson();
        chip["peakMacsPerSecond"] = 0;

        SingleProblemAt(Catalog(chips: [chip]), "$.chips[0].peakMacsPerSecond");
    }

    [Fact]
    public void A_negative_value_inside_a_figure_object_is_reported_at_its_value()
    {
        var link = LinkJson();
        link["latencySecondsPerHop"] = new JsonObject { ["value"] = -2, ["unit"] = "ns" };

        SingleProblemAt(Catalog(links: [link]), "$.links[0].latencySecondsPerHop.value");
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("{ \"value\": 1e300, \"unit\": \"TB/s\" }")]
    public void A_figure_too_large_for_a_double_is_reported(string figure)
    {
        var json = Catalog(links: [LinkJson()]).Replace("\"bandwidthBytesPerSecond\":10000000000", $"\"bandwidthBytesPerSecond\":{figure}");

        Assert.StartsWith("is too large", SingleProblemAt(json, "$.links[0].bandwidthBytesPerSecond"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void Utilization_outside_zero_to_one_is_reported(double utilization)
    {
        var chip = ChipJson();
        chip["utilization"] = utilization;

        SingleProblemAt(Catalog(chips: [chip]), "$.chips[0].utilization");
    }

    [Fact]
    public void Utilization_of_exactly_one_is_allowed()
    {
        var chip = ChipJson("full");
        chip["utilization"] = 1;

        Assert.Equal(1, Load(Catalog(chips: [chip])).Chip("full").Utilization.Value);
    }

    [Fact]
    public void A_unit_of_the_wrong_dimension_is_a_unit_mismatch()
    {
        var link = LinkJson();
        link["bandwidthBytesPerSecond"] = new JsonObject { ["value"] = 3, ["unit"] = "W" };

        var message = SingleProblemAt(Catalog(links: [link]), "$.links[0].bandwidthBytesPerSecond.unit");

        Assert.StartsWith("unit mismatch: 'W' is a power, but bandwidthBytesPerSecond takes a bandwidth (B/s, ", message);
    }

    [Fact]
    public void Bytes_are_not_a_bandwidth()
    {
        var link = LinkJson();
        link["bandwidthBytesPerSecond"] = new JsonObject { ["value"] = 3, ["unit"] = "GB" };

        Assert.StartsWith("unit mismatch", SingleProblemAt(Catalog(links: [link]), "$.links[0].bandwidthBytesPerSecond.unit"));
    }

    [Fact]
    public void An_unknown_unit_lists_the_right_ones()
    {
        var chip = ChipJson();
        chip["staticPowerWatts"] = new JsonObject { ["value"] = 3, ["unit"] = "horsepower" };

        var message = SingleProblemAt(Catalog(chips: [chip]), "$.chips[0].staticPowerWatts.unit");

        Assert.Equal("unknown unit 'horsepower'; staticPowerWatts takes a power (mW, W, kW)", message);
    }

    [Fact]
    public void A_derived_figure_must_say_how()
    {
        var link = LinkJson();
        link["bandwidthBytesPerSecond"] = new JsonObject { ["value"] = 3, ["unit"] = "GB/s", ["quality"] = "derived" };

        SingleProblemAt(Catalog(links: [link]), "$.links[0].bandwidthBytesPerSecond.note");
    }

    [Fact]
    public void An_unknown_quality_lists_the_known_ones()
    {
        var link = LinkJson();
        link["bandwidthBytesPerSecond"] = new JsonObject { ["value"] = 3, ["quality"] = "guessed" };

        var message = SingleProblemAt(Catalog(links: [link]), "$.links[0].bandwidthBytesPerSecond.quality");

        Assert.Equal("'guessed' is not allowed; expected one of verified, approximate, derived, measured", message);
    }

    [Fact]
    public void An_unknown_chip_kind_lists_the_known_ones()
    {
        var message = SingleProblemAt(Catalog(chips: [ChipJson(kind: "tpu")]), "$.chips[0].kind");

        Assert.Equal("'tpu' is not allowed; expected one of asic, fpga, pim, chiplet, gpu, cpu", message);
    }

    [Fact]
    public void A_chip_with_dram_but_no_dram_bandwidth_is_reported()
    {
        var chip = ChipJson();
        chip["dramBandwidthBytesPerSecond"] = 0;

        SingleProblemAt(Catalog(chips: [chip]), "$.chips[0].dramBandwidthBytesPerSecond");
    }

    [Fact]
    public void A_system_naming_an_unknown_chip_is_reported_at_the_reference()
    {
        var system = SystemJson("s", TopologyJson("chain", "pcie3-x4"), chip: "tpu-v9", hostLink: "pcie3-x4");

        var message = SingleProblemAt(Catalog(systems: [system]), "$.systems[0].chips[0].chip");

        Assert.StartsWith("unknown chip 'tpu-v9'; known chips: eyeriss, tpu-v1, ", message);
    }

    [Fact]
    public void A_topology_naming_an_unknown_link_is_reported_at_the_reference()
    {
        var system = SystemJson("s", TopologyJson("ring", "pcie9"), chip: "tpu-v1", hostLink: "pcie3-x4");

        Assert.StartsWith("unknown link 'pcie9'", SingleProblemAt(Catalog(systems: [system]), "$.systems[0].topology.link"));
    }

    [Fact]
    public void An_unknown_host_link_is_reported_at_the_reference()
    {
        var system = SystemJson("s", TopologyJson("chain", "pcie3-x4"), chip: "tpu-v1", hostLink: "usb9");

        SingleProblemAt(Catalog(systems: [system]), "$.systems[0].hostLink");
    }

    [Fact]
    public void An_explicit_link_naming_an_unknown_chip_id_is_reported_at_that_end()
    {
        var good = SystemJson("a", TopologyJson("chain", "pcie3-x4"), chip: "tpu-v1", hostLink: "pcie3-x4");
        var broken = SystemJson("c", new JsonObject
        {
            ["kind"] = "explicit",
            ["links"] = new JsonArray(EdgeJson("chip0", "chip7", "pcie3-x4"), EdgeJson("chip0", "chip1", "pcie3-x4")),
        }, chip: "tpu-v1", hostLink: "pcie3-x4");
        var json = Catalog(systems: [good, SystemJson("b", TopologyJson("chain", "pcie3-x4"), chip: "tpu-v1", hostLink: "pcie3-x4"), broken]);

        var message = SingleProblemAt(json, "$.systems[2].topology.links[0].to");

        Assert.Equal("no chip with id 'chip7' in this system; its ids are chip0, chip1", message);
    }

    [Fact]
    public void An_explicit_link_naming_an_unknown_link_is_reported_at_the_link()
    {
        var system = SystemJson("s", new JsonObject
        {
            ["kind"] = "explicit",
            ["links"] = new JsonArray(EdgeJson("chip0", "chip1", "string")),
        }, chip: "tpu-v1", hostLink: "pcie3-x4");

        SingleProblemAt(Catalog(systems: [system]), "$.systems[0].topology.links[0].link");
    }

    [Fact]
    public void An_explicit_link_from_a_chip_to_itself_is_reported()
    {
        var system = SystemJson("s", new JsonObject
        {
            ["kind"] = "explicit",
            ["links"] = new JsonArray(EdgeJson("chip0", "chip1", "pcie3-x4"), EdgeJson("chip1", "chip1", "pcie3-x4")),
        }, chip: "tpu-v1", hostLink: "pcie3-x4");

        Assert.Contains("itself", SingleProblemAt(Catalog(systems: [system]), "$.systems[0].topology.links[1].to"));
    }

    [Fact]
    public void An_explicit_topology_that_leaves_a_chip_unreachable_is_rejected()
    {
        var system = SystemJson("s", new JsonObject
        {
            ["kind"] = "explicit",
            ["links"] = new JsonArray(EdgeJson("chip0", "chip1", "pcie3-x4"), EdgeJson("chip2", "chip3", "pcie3-x4")),
        }, count: 4, chip: "tpu-v1", hostLink: "pcie3-x4");

        var message = SingleProblemAt(Catalog(systems: [system]), "$.systems[0].topology.links");

        Assert.StartsWith("chips 'chip2', 'chip3' cannot be reached from 'chip0'", message);
    }

    [Fact]
    public void A_system_with_no_chips_is_rejected()
    {
        var system = SystemJson("s", TopologyJson("chain", "pcie3-x4"), chip: "tpu-v1", hostLink: "pcie3-x4");
        system["chips"] = new JsonArray();

        SingleProblemAt(Catalog(systems: [system]), "$.systems[0].chips");
    }

    [Fact]
    public void A_mesh_that_does_not_fit_the_chips_is_reported_at_the_topology()
    {
        var topology = TopologyJson("mesh2d", "pcie3-x4");
        topology["rows"] = 2;
        topology["columns"] = 3;
        var system = SystemJson("s", topology, count: 4, chip: "tpu-v1", hostLink: "pcie3-x4");

        var message = SingleProblemAt(Catalog(systems: [system]), "$.systems[0].topology");

        Assert.Equal("a 2 × 3 mesh has 6 places but the system has 4 chips", message);
    }

    [Fact]
    public void A_mesh_without_its_shape_is_reported_at_the_missing_fields()
    {
        var system = SystemJson("s", TopologyJson("mesh2d", "pcie3-x4"), count: 4, chip: "tpu-v1", hostLink: "pcie3-x4");

        var problems = Problems(Catalog(systems: [system]));

        Assert.Equal(["$.systems[0].topology.columns", "$.systems[0].topology.rows"], problems.Select(p => p.Path));
    }

    [Fact]
    public void An_explicit_topology_with_a_single_link_name_is_reported_at_it()
    {
        var topology = new JsonObject { ["kind"] = "explicit", ["link"] = "pcie3-x4", ["links"] = new JsonArray(EdgeJson("chip0", "chip1", "pcie3-x4")) };
        var system = SystemJson("s", topology, chip: "tpu-v1", hostLink: "pcie3-x4");

        Assert.Equal("property 'link' is not allowed here", SingleProblemAt(Catalog(systems: [system]), "$.systems[0].topology.link"));
    }

    [Fact]
    public void An_id_for_several_chips_is_reported_at_the_count()
    {
        var system = SystemJson("s", TopologyJson("chain", "pcie3-x4"), chip: "tpu-v1", hostLink: "pcie3-x4");
        system["chips"] = new JsonArray(new JsonObject { ["chip"] = "tpu-v1", ["id"] = "tpu", ["count"] = 2 });

        SingleProblemAt(Catalog(systems: [system]), "$.systems[0].chips[0].count");
    }

    [Fact]
    public void A_chip_id_used_twice_is_reported()
    {
        var system = SystemJson("s", TopologyJson("chain", "pcie3-x4"), chip: "tpu-v1", hostLink: "pcie3-x4");
        system["chips"] = new JsonArray(new JsonObject { ["chip"] = "tpu-v1", ["id"] = "x" }, new JsonObject { ["chip"] = "tpu-v1", ["id"] = "X" });

        Assert.Equal("duplicate chip id 'X' in this system", SingleProblemAt(Catalog(systems: [system]), "$.systems[0].chips[1].id"));
    }

    [Fact]
    public void Duplicate_ids_in_an_explicit_topology_are_reported_once()
    {
        var topology = new JsonObject { ["kind"] = "explicit", ["links"] = new JsonArray(EdgeJson("x", "y", "pcie3-x4")) };
        var system = SystemJson("s", topology, chip: "tpu-v1", hostLink: "pcie3-x4");
        system["chips"] = new JsonArray(
            new JsonObject { ["chip"] = "tpu-v1", ["id"] = "x" },
            new JsonObject { ["chip"] = "tpu-v1", ["id"] = "y" },
            new JsonObject { ["chip"] = "tpu-v1", ["id"] = "x" });

        SingleProblemAt(Catalog(systems: [system]), "$.systems[0].chips[2].id");
    }

    [Fact]
    public void A_mesh_of_negative_shape_is_a_schema_violation_not_a_crash()
    {
        var topology = TopologyJson("mesh2d", "pcie3-x4");
        topology["rows"] = -2;
        topology["columns"] = -2;
        var system = SystemJson("s", topology, count: 4, chip: "tpu-v1", hostLink: "pcie3-x4");

        var problems = Problems(Catalog(systems: [system]));

        Assert.Equal(["$.systems[0].topology.columns", "$.systems[0].topology.rows"], problems.Select(p => p.Path));
    }

    [Fact]
    public void An_absurd_count_is_a_schema_violation()
    {
        var system = SystemJson("s", TopologyJson("chain", "pcie3-x4"), count: 100_000_000, chip: "tpu-v1", hostLink: "pcie3-x4");

        SingleProblemAt(Catalog(systems: [system]), "$.systems[0].chips[0].count");
    }

    [Theory]
    [InlineData("chips")]
    [InlineData("links")]
    [InlineData("systems")]
    public void A_name_used_twice_in_a_list_is_reported_at_the_second(string list)
    {
        var (first, second) = list switch
        {
            "chips" => (ChipJson("twin"), ChipJson("TWIN")),
            "links" => (LinkJson("twin"), LinkJson("TWIN")),
            _ => (SystemJson("twin", TopologyJson("chain", "pcie3-x4"), chip: "tpu-v1", hostLink: "pcie3-x4"),
                  SystemJson("TWIN", TopologyJson("chain", "pcie3-x4"), chip: "tpu-v1", hostLink: "pcie3-x4")),
        };
        var json = new JsonObject { [list] = new JsonArray(first, second) }.ToJsonString();

        var message = SingleProblemAt(json, $"$.{list}[1].name");

        Assert.Equal($"duplicate {list.TrimEnd('s')} name 'TWIN' (first at $.{list}[0])", message);
    }

    [Fact]
    public void A_reference_to_a_broken_entry_reports_only_the_entry()
    {
        var chip = ChipJson("mine");
        chip["sramBytes"] = -1;
        var system = SystemJson("s", TopologyJson("chain", "pcie3-x4"), chip: "mine", hostLink: "pcie3-x4");

        SingleProblemAt(Catalog(chips: [chip], systems: [system]), "$.chips[0].sramBytes");
    }

    [Fact]
    public void Several_problems_in_one_file_give_one_problem_each_in_document_order()
    {
        var chip = ChipJson();
        chip["utilization"] = 2;
        chip["sramBytes"] = new JsonObject { ["value"] = 1, ["unit"] = "GB/s" };
        var links = Enumerable.Range(0, 11).Select(i => LinkJson($"l{i}")).ToArray();
        links[2]["bandwidthBytesPerSecond"] = -1;
        links[10]["bandwidthBytesPerSecond"] = -1;
        var system = SystemJson("s", TopologyJson("chain", "nowhere"), chip: "nothing", hostLink: "pcie3-x4");
        system["extra"] = true;

        var problems = Problems(Catalog(chips: [chip], links: links, systems: [system]));

        Assert.Equal(
            [
                "$.chips[0].sramBytes.unit",
                "$.chips[0].utilization",
                "$.links[2].bandwidthBytesPerSecond",
                "$.links[10].bandwidthBytesPerSecond",
                "$.systems[0].chips[0].chip",
                "$.systems[0].extra",
                "$.systems[0].topology.link",
            ],
            problems.Select(p => p.Path));
    }

    [Fact]
    public void The_message_has_one_line_per_problem_prefixed_with_the_file()
    {
        var error = Assert.Throws<CatalogException>(() => HardwareCatalog.FromJson(Catalog(links: [LinkJson(bandwidth: -1, latency: -1)]), "my.json"));

        Assert.Equal("my.json", error.SourceName);
        Assert.Equal(
            [
                "my.json: $.links[0].bandwidthBytesPerSecond: -1 should be greater than 0",
                "my.json: $.links[0].latencySecondsPerHop: -1 should be at least 0",
            ],
            error.Message.Split(Environment.NewLine));
    }
}
