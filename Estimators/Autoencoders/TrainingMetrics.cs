using System.Diagnostics.Metrics;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>
/// Counts the training steps of autoencoders (one per mini-batch), so a caller can follow or act on training as it runs.
/// Listen with a <see cref="MeterListener"/> on the meter named <see cref="MeterName"/>.
/// </summary>
public static class TrainingMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "QuiltNet.Estimators";

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Counter<long> Batches = Meter.CreateCounter<long>("quiltnet.autoencoders.training_batches", description: "mini-batches trained");
}
