namespace QuiltNet.HwCatalog.Loading;

internal static class ChipReader
{
    public static Chip? Read(EntryReader entry)
    {
        var chip = new Chip(
            entry.Text("name"),
            entry.Choice<ChipKind>("kind"),
            entry.Text("description"),
            entry.Text("source"),
            entry.Figure("peakMacsPerSecond", Units.MacsPerSecond),
            entry.Figure("activationBytesPerElement", Units.BytesPerElement),
            entry.Figure("weightBytesPerElement", Units.BytesPerElement),
            entry.Figure("utilization", Units.Ratio),
            entry.Figure("sramBytes", Units.Bytes),
            entry.Figure("dramBytes", Units.Bytes),
            entry.Figure("dramBandwidthBytesPerSecond", Units.BytesPerSecond),
            entry.Figure("macEnergyPicojoules", Units.PicojoulesPerMac),
            entry.Figure("sramEnergyPicojoulesPerByte", Units.PicojoulesPerByte),
            entry.Figure("dramEnergyPicojoulesPerByte", Units.PicojoulesPerByte),
            entry.Figure("staticPowerWatts", Units.Watts),
            entry.OptionalChild("calibration") is { } calibration ? CalibrationReader.Read(calibration) : null);
        if (!entry.Complete) return null;

        // The schema lets DRAM figures be 0 for chips without DRAM; a chip with DRAM must be able to reach it.
        if (chip.DramBytes.Value > 0 && chip.DramBandwidthBytesPerSecond.Value <= 0)
        {
            entry.Report("dramBandwidthBytesPerSecond", "must be greater than 0 when dramBytes is");
            return null;
        }

        return chip;
    }
}
