using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using QuiltNet.HwCatalog;

namespace QuiltNet.Optimizer.Calibration;

/// <summary>
/// Turns a <see cref="CpuMeasurement"/> into a hardware catalog file defining the <c>cpu-local</c> system:
/// one chip per core, joined through shared memory. Measured figures say so; the energies no
/// calibration can measure are marked approximate with where they come from.
/// </summary>
public static class CpuCatalogWriter
{
    /// <summary>The calibrated system's name.</summary>
    public const string SystemName = "cpu-local";
    /// <summary>The calibrated chip's name.</summary>
    public const string ChipName = "cpu-local-core";
    /// <summary>The name of the link between the calibrated cores.</summary>
    public const string LinkName = "cpu-local-memory";

    /// <summary>The catalog JSON of a measurement: one chip, its link and the system of this machine's cores.</summary>
    public static string ToJson(CpuMeasurement m)
    {
        string when = m.MeasuredAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string how = $"quiltnet hw calibrate on {when}, {m.Processor}, one ONNX Runtime thread";
        var chip = new JsonObject
        {
            ["name"] = ChipName,
            ["kind"] = "cpu",
            ["description"] = $"One core of this machine ({m.Processor}) running fp32 through ONNX Runtime.",
            ["source"] = how,
            ["peakMacsPerSecond"] = Measured(m.MacsPerSecond, "fp32 Conv 64→64, 3x3, 56x56, best of 7"),
            ["activationBytesPerElement"] = Figure(4, "verified", "fp32"),
            ["weightBytesPerElement"] = Figure(4, "verified", "fp32"),
            ["utilization"] = Figure(1, "derived", "the peak is the measured GEMM rate, so it is already achievable"),
            ["sramBytes"] = Measured(m.CacheBytesPerCore, m.CacheSource),
            ["dramBytes"] = Measured(m.MemoryBytesPerCore, "memory available to .NET divided by the cores"),
            ["dramBandwidthBytesPerSecond"] = Measured(m.MemoryBandwidthBytesPerSecond, "fp32 ReduceSum reading 128 MiB, best of 7"),
            ["macEnergyPicojoules"] = Figure(4.6, "approximate", "Horowitz ISSCC 2014: fp32 multiply 3.7 pJ + add 0.9 pJ (45 nm)"),
            ["sramEnergyPicojoulesPerByte"] = Figure(12.5, "approximate", "Horowitz ISSCC 2014: 1 MB SRAM, 100 pJ per 64-bit read"),
            ["dramEnergyPicojoulesPerByte"] = Figure(250, "approximate", "Horowitz ISSCC 2014: DRAM 1.3-2.6 nJ per 64-bit access"),
            ["staticPowerWatts"] = Figure(5, "approximate", "assumed share of a server processor's idle power per core"),
        };
        if (m.Operators is { } operators) chip["calibration"] = Calibration(operators);
        var link = new JsonObject
        {
            ["name"] = LinkName,
            ["description"] = "Hand-off between cores through shared memory.",
            ["source"] = how,
            ["bandwidthBytesPerSecond"] = Figure(m.MemoryBandwidthBytesPerSecond / 2, "derived", "measured read bandwidth halved: a hand-off writes and reads"),
            ["latencySecondsPerHop"] = Measured(m.CopyLatencySeconds, "one ONNX Runtime run of a 16-element Add"),
            ["energyPicojoulesPerBit"] = Figure(2 * 250 / 8.0, "derived", "one DRAM write and read per byte at 250 pJ/B"),
            ["staticPowerWatts"] = Figure(0, "derived", "shared memory is powered with the cores, whose static power holds it"),
            ["messageOverheadSeconds"] = Figure(0, "approximate", "a hand-off is a queue slot; its small ONNX Runtime run is counted in the receiving stage's run overhead"),
        };
        var system = new JsonObject
        {
            ["name"] = SystemName,
            ["description"] = $"This machine's {m.Cores} cores as chips, measured by 'quiltnet hw calibrate' on {when}.",
            ["chips"] = new JsonArray(new JsonObject { ["chip"] = ChipName, ["count"] = m.Cores }),
            ["topology"] = new JsonObject { ["kind"] = "fullyConnected", ["link"] = LinkName },
            ["hostLink"] = LinkName,
        };
        var catalog = new JsonObject
        {
            ["chips"] = new JsonArray(chip),
            ["links"] = new JsonArray(link),
            ["systems"] = new JsonArray(system),
        };
        return catalog.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Calibration(OperatorCalibration table) => new()
    {
        ["source"] = table.Source,
        ["dispatchSeconds"] = Figure(table.DispatchSeconds),
        ["runOverheadSeconds"] = Figure(table.RunOverheadSeconds),
        ["vectorFlopsPerSecond"] = Figure(table.VectorFlopsPerSecond),
        ["copyBytesPerSecond"] = Figure(table.CopyBytesPerSecond),
        ["macRates"] = new JsonArray(table.MacRates.Select(p => (JsonNode)new JsonObject
        {
            ["class"] = JsonNamingPolicy.CamelCase.ConvertName(p.Class.ToString()),
            ["reductionDepth"] = p.ReductionDepth,
            ["outputElements"] = p.OutputElements,
            ["macsPerSecond"] = p.MacsPerSecond,
        }).ToArray()),
    };

    private static JsonObject Figure(Figure figure) => Figure(figure.Value, figure.Quality.ToString().ToLowerInvariant(), figure.Note ?? "");

    private static JsonObject Measured(double value, string note) => Figure(value, "measured", note);

    private static JsonObject Figure(double value, string quality, string note) => new()
    {
        ["value"] = value,
        ["quality"] = quality,
        ["note"] = note,
    };
}
