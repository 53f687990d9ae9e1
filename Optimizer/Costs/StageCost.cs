using QuiltNet.HwCatalog;

namespace QuiltNet.Optimizer.Costs;

/// <summary>
/// A stage (node positions [Start, End)) on one chip: its work, where its weights live, its memory
/// footprint against the chip's capacity, its time per inference and the dynamic energy it spends.
/// </summary>
public sealed record StageCost(
    int Index,
    string ChipId,
    Chip Chip,
    int Start,
    int End,
    long Macs,
    double WeightBytes,
    double ResidentWeightBytes,
    double OffChipBytesPerInference,
    double PeakActivationBytes,
    double TimeSeconds,
    double DynamicEnergyJoules)
{
    /// <summary>Weights plus the largest set of activations alive at once.</summary>
    public double MemoryUsedBytes => WeightBytes + PeakActivationBytes;

    /// <summary>The chip's memory.</summary>
    public double MemoryCapacityBytes => Chip.CapacityBytes;

    /// <summary>Whether the stage fits the chip's memory.</summary>
    public bool Fits => MemoryUsedBytes <= MemoryCapacityBytes;
}
