using System.Text.Json.Nodes;

namespace QuiltNet.HwCatalog.Tests;

/// <summary>Valid catalog entries with round figures, for tests to break one field at a time.</summary>
internal static class Samples
{
    public static JsonObject ChipJson(string name = "test-chip", string kind = "cpu") => new()
    {
        ["name"] = name,
        ["kind"] = kind,
        ["description"] = "A chip for tests.",
        ["source"] = "tests",
        ["peakMacsPerSecond"] = 1e12,
        ["activationBytesPerElement"] = 1,
        ["weightBytesPerElement"] = 1,
        ["utilization"] = 0.5,
        ["sramBytes"] = 1e6,
        ["dramBytes"] = 1e9,
        ["dramBandwidthBytesPerSecond"] = 1e10,
        ["macEnergyPicojoules"] = 1,
        ["sramEnergyPicojoulesPerByte"] = 2,
        ["dramEnergyPicojoulesPerByte"] = 100,
        ["staticPowerWatts"] = 1,
    };

    public static JsonObject LinkJson(string name = "test-link", double bandwidth = 1e10, double latency = 1e-6, double energy = 5) => new()
    {
        ["name"] = name,
        ["description"] = "A link for tests.",
        ["source"] = "tests",
        ["bandwidthBytesPerSecond"] = bandwidth,
        ["latencySecondsPerHop"] = latency,
        ["energyPicojoulesPerBit"] = energy,
    };

    public static JsonObject SystemJson(string name, JsonObject topology, int count = 2, string chip = "test-chip", string hostLink = "test-link") => new()
    {
        ["name"] = name,
        ["description"] = "A system for tests.",
        ["chips"] = new JsonArray(new JsonObject { ["chip"] = chip, ["count"] = count }),
        ["topology"] = topology,
        ["hostLink"] = hostLink,
    };

    public static JsonObject TopologyJson(string kind, string link = "test-link") => new() { ["kind"] = kind, ["link"] = link };

    public static JsonObject EdgeJson(string from, string to, string link = "test-link") => new() { ["from"] = from, ["to"] = to, ["link"] = link };

    public static string Catalog(JsonObject[]? chips = null, JsonObject[]? links = null, JsonObject[]? systems = null)
    {
        var catalog = new JsonObject();
        if (chips is not null) catalog["chips"] = new JsonArray([.. chips]);
        if (links is not null) catalog["links"] = new JsonArray([.. links]);
        if (systems is not null) catalog["systems"] = new JsonArray([.. systems]);
        return catalog.ToJsonString();
    }

    public static HardwareCatalog Load(string json) => HardwareCatalog.FromJson(json, "test.json");

    /// <summary>The problems loading <paramref name="json"/> reports; fails the test if it loads.</summary>
    public static IReadOnlyList<CatalogProblem> Problems(string json) =>
        Assert.Throws<CatalogException>(() => Load(json)).Problems;

    /// <summary>Asserts that <paramref name="json"/> has exactly one problem, at <paramref name="path"/>, and returns its message.</summary>
    public static string SingleProblemAt(string json, string path)
    {
        var problems = Problems(json);
        Assert.True(problems.Count == 1, "expected one problem, got:\n" + string.Join("\n", problems));
        Assert.Equal(path, problems[0].Path);
        return problems[0].Message;
    }
}
