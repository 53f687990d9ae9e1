using System.Text.Json.Nodes;

namespace QuiltNet.HwCatalog.Tests;

public class RouteTests
{
    private static HwSystem Build(JsonObject topology, int count = 4, params JsonObject[] extraLinks)
    {
        var links = new[] { Samples.LinkJson("fast", bandwidth: 1e11, latency: 1e-8, energy: 1), Samples.LinkJson("slow", bandwidth: 1e9, latency: 1e-6, energy: 10) };
        var json = Samples.Catalog(
            chips: [Samples.ChipJson()],
            links: [.. links, .. extraLinks],
            systems: [Samples.SystemJson("probe", topology, count, hostLink: "slow")]);
        return Samples.Load(json).System("probe");
    }

    [Fact]
    public void A_chain_joins_neighbours_and_sums_hops()
    {
        var system = Build(Samples.TopologyJson("chain", "fast"));

        var route = system.Route(0, 3);

        Assert.Equal(3, system.Connections.Count);
        Assert.Equal(3, route.Hops);
        Assert.Equal([(0, 1), (1, 2), (2, 3)], route.Path.Select(hop => (hop.From, hop.To)));
        Assert.Equal(1e11, route.BottleneckBandwidthBytesPerSecond);
        Assert.Equal(3e-8, route.LatencySeconds, 1e-20);
        Assert.Equal(3, route.EnergyPicojoulesPerBit, 1e-12);
    }

    [Fact]
    public void A_chain_routes_backwards_too()
    {
        var route = Build(Samples.TopologyJson("chain", "fast")).Route(3, 1);

        Assert.Equal([(3, 2), (2, 1)], route.Path.Select(hop => (hop.From, hop.To)));
    }

    [Fact]
    public void A_ring_goes_the_short_way_round()
    {
        var system = Build(Samples.TopologyJson("ring", "fast"), count: 5);

        var route = system.Route(0, 3);

        Assert.Equal(5, system.Connections.Count);
        Assert.Equal([(0, 4), (4, 3)], route.Path.Select(hop => (hop.From, hop.To)));
    }

    [Fact]
    public void A_ring_of_two_is_one_link()
    {
        Assert.Single(Build(Samples.TopologyJson("ring", "fast"), count: 2).Connections);
    }

    [Fact]
    public void A_mesh_routes_along_rows_and_columns()
    {
        var topology = Samples.TopologyJson("mesh2d", "fast");
        topology["rows"] = 2;
        topology["columns"] = 3;
        var system = Build(topology, count: 6);

        Assert.Equal(7, system.Connections.Count);
        Assert.Equal(new Topology(TopologyKind.Mesh2d, 2, 3), system.Topology);
        Assert.Equal(3, system.Route(0, 5).Hops);
        Assert.Equal(1, system.Route(1, 4).Hops);
        Assert.Equal(3, system.Route(2, 3).Hops);
        Assert.Equal(2e-8, system.Route(0, 4).LatencySeconds, 1e-20);
    }

    [Fact]
    public void Fully_connected_chips_are_one_hop_apart()
    {
        var system = Build(Samples.TopologyJson("fullyConnected", "slow"));

        Assert.Equal(6, system.Connections.Count);
        for (var from = 0; from < 4; from++)
        {
            for (var to = 0; to < 4; to++)
            {
                Assert.Equal(from == to ? 0 : 1, system.Route(from, to).Hops);
            }
        }
    }

    [Fact]
    public void An_explicit_topology_takes_the_slowest_hop_as_bottleneck_and_sums_latency_and_energy()
    {
        var topology = new JsonObject
        {
            ["kind"] = "explicit",
            ["links"] = new JsonArray(Samples.EdgeJson("chip0", "chip1", "fast"), Samples.EdgeJson("chip1", "chip2", "slow")),
        };
        var system = Build(topology, count: 3);

        var route = system.Route(0, 2);

        Assert.Equal(["fast", "slow"], route.Path.Select(hop => hop.Link.Name));
        Assert.Equal(1e9, route.BottleneckBandwidthBytesPerSecond);
        Assert.Equal(1e-8 + 1e-6, route.LatencySeconds, 1e-20);
        Assert.Equal(11, route.EnergyPicojoulesPerBit, 1e-12);
    }

    [Fact]
    public void Of_parallel_links_the_faster_one_carries_the_route()
    {
        var topology = new JsonObject
        {
            ["kind"] = "explicit",
            ["links"] = new JsonArray(Samples.EdgeJson("chip0", "chip1", "slow"), Samples.EdgeJson("chip1", "chip0", "fast")),
        };

        var route = Build(topology, count: 2).Route(0, 1);

        Assert.Equal("fast", Assert.Single(route.Path).Link.Name);
    }

    [Fact]
    public void A_chip_reaches_itself_in_no_hops()
    {
        var route = Build(Samples.TopologyJson("chain", "fast")).Route(2, 2);

        Assert.Empty(route.Path);
        Assert.Equal(0, route.Hops);
        Assert.Equal(double.PositiveInfinity, route.BottleneckBandwidthBytesPerSecond);
        Assert.Equal(0, route.LatencySeconds);
        Assert.Equal(0, route.EnergyPicojoulesPerBit);
    }

    [Fact]
    public void A_chip_outside_the_system_is_refused()
    {
        var system = Build(Samples.TopologyJson("chain", "fast"));

        Assert.Throws<ArgumentOutOfRangeException>(() => system.Route(0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => system.Route(-1, 0));
    }

    [Fact]
    public void A_system_without_a_path_says_so()
    {
        var chip = HardwareCatalog.BuiltIn.Chip("edge-tpu");
        var link = HardwareCatalog.BuiltIn.Link("pcie3-x4");
        var system = new HwSystem("split", "", [new SystemChip("a", chip), new SystemChip("b", chip)], new Topology(TopologyKind.Explicit), [], link);

        var error = Assert.Throws<InvalidOperationException>(() => system.Route(0, 1));

        Assert.Contains("no path from chip 0 ('a') to chip 1 ('b')", error.Message);
    }

    [Fact]
    public void Built_in_systems_route_as_declared()
    {
        var catalog = HardwareCatalog.BuiltIn;

        var simba = catalog.System("simba4-grs").Route(0, 3);
        Assert.Equal(2, simba.Hops);
        Assert.Equal(4e-8, simba.LatencySeconds, 1e-20);

        Assert.Equal(1, catalog.System("aim8-host").Route(2, 7).Hops);
        Assert.Equal(3, catalog.System("fpga4-pcie3").Route(0, 3).Hops);

        var hetero = catalog.System("tpuv1-dpu2").Route(0, 2);
        Assert.Equal(2, hetero.Hops);
        Assert.Equal(1.25e9, hetero.BottleneckBandwidthBytesPerSecond);
    }
}
