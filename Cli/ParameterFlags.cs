namespace QuiltNet.Cli;

/// <summary>
/// Which command-line flag sets each library parameter: the libraries name their parameters in argument errors, and
/// only the command line knows its flags. A parameter missing here is reported under its own name.
/// </summary>
public static class ParameterFlags
{
    private static readonly Dictionary<string, string> Flags = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cuts"] = "--cuts",
        ["position"] = "--cuts",
        ["positions"] = "--cuts",
        ["layout"] = "--cuts",
        ["compression"] = "--compression",
        ["bindings"] = "--input-shape",
        ["inputShapes"] = "--input-shape",
        ["dynamicDim"] = "--batch",
        ["data"] = "--data",
        ["ratios"] = "--ratios",
        ["CodeWidth"] = "--ratios",
        ["bits"] = "--bits",
        ["stride"] = "--stride",
        ["strides"] = "--stride",
        ["system"] = "--hw",
        ["hw"] = "--hw",
        ["AccuracyBudgetPp"] = "--max-accuracy-loss",
        ["ThroughputFloorPerSecond"] = "--throughput-floor",
        ["MaxChips"] = "--max-chips",
        ["TimeLimitSeconds"] = "--time-limit",
        ["MinimumGainPercent"] = "--min-gain",
        ["Workers"] = "--workers",
        ["TimeBudget"] = "--time-budget",
        ["MaxTrials"] = "--trials",
        ["gigabitsPerSecond"] = "--link-gbps",
        ["latencyMicroseconds"] = "--link-latency-us",
        ["threadsPerStage"] = "--threads",
        ["Batch"] = "--batch",
        ["Count"] = "--count",
        ["stages"] = "--stages",
        ["Resize"] = "--resize",
        ["KeepRatio"] = "--keep-ratio",
        ["Mean"] = "--mean",
        ["Std"] = "--std",
        ["Scale"] = "--scale",
        ["Channels"] = "--layout",
        ["imageLayout"] = "--layout",
        ["Bgr"] = "--bgr",
        ["Calibration"] = "--calibration",
        ["Evaluation"] = "--evaluation",
        ["limit"] = "--count",
    };

    /// <summary>The flag that sets <paramref name="parameter"/>, or null when no flag does.</summary>
    public static string? Of(string? parameter) => parameter is not null && Flags.TryGetValue(parameter, out var flag) ? flag : null;
}
