namespace QuiltNet.HwCatalog;

/// <summary>One accelerator chip (or board, where the board is the unit that runs a stage).</summary>
/// <param name="Name">Unique (case-insensitive) among the catalog's chips.</param>
/// <param name="Kind">What sort of device it is.</param>
/// <param name="Description">What the chip is, in a sentence.</param>
/// <param name="Source">Citation for the chip's figures.</param>
/// <param name="PeakMacsPerSecond">Peak MAC rate at the chip's precision.</param>
/// <param name="ActivationBytesPerElement">Bytes one activation element really moves at the chip's precision
/// (1 int8, 2 fp16/bf16, 4 fp32), so uncompressed cuts are never costed at an inflated width.</param>
/// <param name="WeightBytesPerElement">Bytes one weight takes at the chip's precision.</param>
/// <param name="Utilization">Achievable fraction of peak, in (0, 1].</param>
/// <param name="SramBytes">On-chip memory (for a CPU core: its cache share) that holds weights and activations without DRAM traffic.</param>
/// <param name="DramBytes">Off-chip capacity; 0 where there is none, and then SRAM is the capacity.</param>
/// <param name="DramBandwidthBytesPerSecond">Off-chip memory bandwidth.</param>
/// <param name="MacEnergyPicojoules">Dynamic energy per MAC: the power above idle while computing over the MAC rate,
/// never a whole-chip figure that already holds the static power (that is <see cref="StaticPowerWatts"/>).</param>
/// <param name="SramEnergyPicojoulesPerByte">Dynamic energy per byte read or written on chip.</param>
/// <param name="DramEnergyPicojoulesPerByte">Dynamic energy per byte moved to or from DRAM.</param>
/// <param name="StaticPowerWatts">Idle power, drawn by a powered chip for the whole pipeline period whether it computes or not.</param>
/// <param name="Calibration">Measured per-operator times, where the chip has been calibrated; null elsewhere (the roofline is used).</param>
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
    Figure StaticPowerWatts,
    OperatorCalibration? Calibration = null)
{
    /// <summary>The MAC rate a layer can count on: peak × utilisation.</summary>
    public double EffectiveMacsPerSecond => PeakMacsPerSecond.Value * Utilization.Value;

    /// <summary>Bytes of weights and activations the chip can hold: DRAM where it has some, else SRAM.</summary>
    public double CapacityBytes => DramBytes.Value > 0 ? DramBytes.Value : SramBytes.Value;
}
