namespace QuiltNet.HwCatalog.Loading;

/// <summary>Reads a chip's <c>calibration</c> object (see <see cref="OperatorCalibration"/>).</summary>
internal static class CalibrationReader
{
    public static OperatorCalibration Read(EntryReader entry) => new(
        entry.Text("source"),
        entry.Figure("dispatchSeconds", Units.Seconds),
        entry.Figure("runOverheadSeconds", Units.Seconds),
        entry.Figure("vectorFlopsPerSecond", Units.FlopsPerSecond),
        entry.Figure("copyBytesPerSecond", Units.BytesPerSecond),
        entry.Items("macRates").Select(point => new MacRatePoint(
            point.Choice<OperatorClass>("class"),
            (long)point.Number("reductionDepth"),
            (long)point.Number("outputElements"),
            point.Number("macsPerSecond"))).ToList());
}
