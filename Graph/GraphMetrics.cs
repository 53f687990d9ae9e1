using System.Diagnostics.Metrics;

namespace QuiltNet.Graph;

/// <summary>
/// Counters of the expensive steps of reading a model — loading the file, finding its shapes with ONNX Runtime, profiling
/// it — tagged with the model's path, so a caller (a test, a monitoring tool) can see how often a run repeats them.
/// Listen with a <see cref="MeterListener"/> on the meter named <see cref="MeterName"/>.
/// </summary>
public static class GraphMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "QuiltNet.Graph";

    /// <summary>The tag that carries the model's path.</summary>
    public const string ModelTag = "model";

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Counter<long> Loads = Meter.CreateCounter<long>("quiltnet.graph.loads", description: "ONNX models loaded from disk");

    internal static readonly Counter<long> ShapeInferences = Meter.CreateCounter<long>("quiltnet.graph.shape_inferences", description: "shape inference runs");

    internal static readonly Counter<long> Profiles = Meter.CreateCounter<long>("quiltnet.graph.profiles", description: "models profiled");

    internal static void Count(Counter<long> counter, string model) => counter.Add(1, new KeyValuePair<string, object?>(ModelTag, model));
}
