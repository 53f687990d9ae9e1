namespace QuiltNet.HwCatalog;

/// <summary>One accelerator chip (or board, where the board is the unit that runs a stage).</summary>
/// <param name="ActivationBytesPerElement">Bytes one activation element really moves at the chip's precision
/// (1 int8, 2 fp16/bf16, 4 fp32), so uncompressed cuts are never costed at an inflated width.</param>
/// <param name="Utilization">Achievable fraction of peak, in (0, 1].</param>
/// <param name="DramBytes">Off-chip capacity; 0 where there is none, and then SRAM is the capacity.</param>
/// <param name="MacEnergyPicojoules">Energy per MAC. Where derived from a whole-chip TOPS/W figure it also holds
/// on-chip data movement and leakage; the note says so.</param>
public sealed record Chip(
    string Name,
    ChipKind Kind,
    string Description,
    string Source,
    Figure PeakMacsPerSecond,
    Figure ActivationBytesPerElement,
    Figure WeightBytesPerElement,
    Figure Utilization,
    Figure SramBytes,
    Figure DramBytes,
    Figure DramBandwidthBytesPerSecond,
    Figure MacEnergyPicojoules,
    Figure SramEnergyPicojoulesPerByte,
    Figure DramEnergyPicojoulesPerByte,
    Figure StaticPowerWatts)
{
    /// <summary>The MAC rate a layer can count on: peak × utilisation.</summary>
    public double EffectiveMacsPerSecond => PeakMacsPerSecond.Value * Utilization.Value;

    /// <summary>Bytes of weights and activations the chip can hold: DRAM where it has some, else SRAM.</summary>
    public double CapacityBytes => DramBytes.Value > 0 ? DramBytes.Value : SramBytes.Value;
}
