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
            entry.Figure("energyPicojoulesPerBit", Units.PicojoulesPerBit));
        return entry.Complete ? link : null;
    }
}
