using QuiltNet.HwCatalog;

namespace QuiltNet.Optimizer.Tests;

/// <summary>Small user catalogs written in the catalog's own JSON format, for tests that need chosen figures.</summary>
internal static class Catalogs
{
    /// <summary>A chain of identical chips on one link, with the figures given (canonical units).</summary>
    public static HwSystem Chain(int chips, double macsPerSecond = 1e12, double sramBytes = 1e6, double dramBytes = 1e9,
        double dramBandwidth = 1e10, double linkBandwidth = 1e9, double linkLatency = 1e-6, double activationBytes = 1)
    {
        string json = $$"""
        {
          "chips": [{
            "name": "test-chip", "kind": "asic", "description": "test chip", "source": "test",
            "peakMacsPerSecond": {{macsPerSecond:R}}, "activationBytesPerElement": {{activationBytes:R}}, "weightBytesPerElement": 1,
            "utilization": 0.5, "sramBytes": {{sramBytes:R}}, "dramBytes": {{dramBytes:R}}, "dramBandwidthBytesPerSecond": {{dramBandwidth:R}},
            "macEnergyPicojoules": 0.5, "sramEnergyPicojoulesPerByte": 2, "dramEnergyPicojoulesPerByte": 200, "staticPowerWatts": 1
          }],
          "links": [{
            "name": "test-link", "description": "test link", "source": "test",
            "bandwidthBytesPerSecond": {{linkBandwidth:R}}, "latencySecondsPerHop": {{linkLatency:R}}, "energyPicojoulesPerBit": 5
          }],
          "systems": [{
            "name": "test-chain", "description": "test system", "chips": [{ "chip": "test-chip", "count": {{chips}} }],
            "topology": { "kind": "chain", "link": "test-link" }, "hostLink": "test-link"
          }]
        }
        """;
        return HardwareCatalog.FromJson(json, "test.json").System("test-chain");
    }
}
