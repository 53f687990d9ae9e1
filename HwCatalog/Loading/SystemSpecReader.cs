namespace QuiltNet.HwCatalog.Loading;

internal static class SystemSpecReader
{
    /// <summary>The schema's limit on one entry's count.</summary>
    private const int MaxCount = 4096;

    public static SystemSpec Read(EntryReader entry)
    {
        var name = entry.OptionalText("name");
        var description = entry.Text("description");
        var chips = entry.Items("chips").Select(ReadChip).ToList();
        var topology = entry.Child("topology") is { } topologyEntry ? ReadTopology(topologyEntry) : null;
        var hostLink = entry.OptionalText("hostLink");
        var complete = entry.Complete && name is not null && hostLink is not null && chips.Count > 0;
        return new SystemSpec(name, description, chips, topology, hostLink, complete, entry.Path);
    }

    private static ChipSpec ReadChip(EntryReader entry)
    {
        var id = entry.OptionalText("id");

        // A count outside the schema's range is reported there; placing a million chips would only stall.
        var count = entry.OptionalInteger("count") is { } given and >= 1 and <= MaxCount ? given : 1;
        if (id is not null && count > 1)
        {
            entry.Report("count", $"an id names a single chip; give count 1 or drop the id '{id}'");
        }

        return new ChipSpec(entry.OptionalText("chip"), id, count, entry.Path);
    }

    private static TopologySpec ReadTopology(EntryReader entry)
    {
        var edges = entry.Items("links")
            .Select(edge => new EdgeSpec(edge.OptionalText("from"), edge.OptionalText("to"), edge.OptionalText("link"), edge.Path))
            .ToList();
        return new TopologySpec(entry.OptionalChoice<TopologyKind>("kind"), entry.OptionalText("link"), entry.OptionalInteger("rows"), entry.OptionalInteger("columns"), edges, entry.Path);
    }
}
