namespace QuiltNet.HwCatalog.Loading;

internal static class LinkReader
{
    public static Link? Read(EntryReader entry)
    {
        var link = new Link(
            entry.Text("name"),
            entry.Text("description"),
            entry.Text("source"),
            entry.Figure("bandwidthBytesPerSecond", Units.BytesPerSecond),
            entry.Figure("latencySecondsPerHop", Units.Seconds),
            entry.Figure("energyPicojoulesPerBit", Units.PicojoulesPerBit),
            entry.OptionalFigure("staticPowerWatts", Units.Watts, "not given: the link's static power is not charged"),
            entry.OptionalFigure("messageOverheadSeconds", Units.Seconds, "not given: no per-message overhead"));
        return entry.Complete ? link : null;
    }
}
