using QuiltNet.HwCatalog;

namespace QuiltNet.Optimizer.Tests;

/// <summary>Small user catalogs written in the catalog's own JSON format, for tests that need chosen figures.</summary>
internal static class Catalogs
{
    /// <summary>A chain of identical chips on one link, with the figures given (canonical units).</summary>
    public static HwSystem Chain(int chips, double macsPerSecond = 1e12, double sramBytes = 1e6, double dramBytes = 1e9,
        double dramBandwidth = 1e10, double linkBandwidth = 1e9, double linkLatency = 1e-6, double activationBytes = 1, double linkEnergy = 5,
        double chipStaticWatts = 1, double linkStaticWatts = 0, double messageOverhead = 0)
    {
        string json = $$"""
        {
          "chips": [{
            "name": "test-chip", "kind": "asic", "description": "test chip", "source": "test",
            "peakMacsPerSecond": {{macsPerSecond:R}}, "activationBytesPerElement": {{activationBytes:R}}, "weightBytesPerElement": 1,
            "utilization": 0.5, "sramBytes": {{sramBytes:R}}, "dramBytes": {{dramBytes:R}}, "dramBandwidthBytesPerSecond": {{dramBandwidth:R}},
            "macEnergyPicojoules": 0.5, "sramEnergyPicojoulesPerByte": 2, "dramEnergyPicojoulesPerByte": 200, "staticPowerWatts": {{chipStaticWatts:R}}
          }],
          "links": [{
            "name": "test-link", "description": "test link", "source": "test",
            "bandwidthBytesPerSecond": {{linkBandwidth:R}}, "latencySecondsPerHop": {{linkLatency:R}}, "energyPicojoulesPerBit": {{linkEnergy:R}},
            "staticPowerWatts": {{linkStaticWatts:R}}, "messageOverheadSeconds": {{messageOverhead:R}}
          }],
          "systems": [{
            "name": "test-chain", "description": "test system", "chips": [{ "chip": "test-chip", "count": {{chips}} }],
            "topology": { "kind": "chain", "link": "test-link" }, "hostLink": "test-link"
          }]
        }
        """;
        return HardwareCatalog.FromJson(json, "test.json").System("test-chain");
    }

    /// <summary>
    /// Three chips joined link by link, so the order of stages matters: chip 0 ("slow-a") is a fifth as fast as
    /// chips 1 and 2; 0–1 is a fast link, 1–2 a slow one, 0–2 a middling one. Chip 2 burns twice the static power.
    /// </summary>
    public static HwSystem Mixed(double linkScale = 1)
    {
        string json = $$"""
        {
          "chips": [
            {{ChipJson("slow-chip", 2e11, 1)}},
            {{ChipJson("fast-chip", 1e12, 1)}},
            {{ChipJson("hot-chip", 1e12, 2)}}
          ],
          "links": [
            {{LinkJson("fast-link", 1e9 * linkScale)}},
            {{LinkJson("slow-link", 1e7 * linkScale)}},
            {{LinkJson("mid-link", 1e8 * linkScale)}}
          ],
          "systems": [{
            "name": "test-mixed", "description": "test system",
            "chips": [{ "chip": "slow-chip", "id": "slow-a" }, { "chip": "fast-chip", "id": "fast" }, { "chip": "hot-chip", "id": "hot" }],
            "topology": { "kind": "explicit", "links": [
              { "from": "slow-a", "to": "fast", "link": "fast-link" },
              { "from": "fast", "to": "hot", "link": "slow-link" },
              { "from": "slow-a", "to": "hot", "link": "mid-link" }
            ] },
            "hostLink": "fast-link"
          }]
        }
        """;
        return HardwareCatalog.FromJson(json, "test.json").System("test-mixed");
    }

    /// <summary>
    /// Four chips in a chain, fast, fast, slow, fast: three fast stages in a row cannot all have neighbours, so
    /// the partitioner's relaxation (best route between two chip types) promises more than chips can give.
    /// </summary>
    public static HwSystem Zigzag(double linkBandwidth = 1e8)
    {
        string json = $$"""
        {
          "chips": [{{ChipJson("slow-chip", 1e11, 1)}}, {{ChipJson("fast-chip", 1e12, 1)}}],
          "links": [{{LinkJson("test-link", linkBandwidth)}}],
          "systems": [{
            "name": "test-zigzag", "description": "test system",
            "chips": [{ "chip": "fast-chip", "id": "a" }, { "chip": "fast-chip", "id": "b" }, { "chip": "slow-chip", "id": "c" }, { "chip": "fast-chip", "id": "d" }],
            "topology": { "kind": "chain", "link": "test-link" },
            "hostLink": "test-link"
          }]
        }
        """;
        return HardwareCatalog.FromJson(json, "test.json").System("test-zigzag");
    }

    private static string ChipJson(string name, double macsPerSecond, double staticWatts) => $$"""
        {
          "name": "{{name}}", "kind": "asic", "description": "test chip", "source": "test",
          "peakMacsPerSecond": {{macsPerSecond:R}}, "activationBytesPerElement": 1, "weightBytesPerElement": 1,
          "utilization": 0.5, "sramBytes": 1e6, "dramBytes": 1e9, "dramBandwidthBytesPerSecond": 1e10,
          "macEnergyPicojoules": 0.5, "sramEnergyPicojoulesPerByte": 2, "dramEnergyPicojoulesPerByte": 200, "staticPowerWatts": {{staticWatts:R}}
        }
        """;

    private static string LinkJson(string name, double bandwidth) => $$"""
        { "name": "{{name}}", "description": "test link", "source": "test", "bandwidthBytesPerSecond": {{bandwidth:R}}, "latencySecondsPerHop": 1e-6, "energyPicojoulesPerBit": 5 }
        """;
}
