using QuiltNet.HwCatalog;

namespace QuiltNet.Cli.Output;

/// <summary>The JSON shape of a system: chips and links by name rather than the whole object graph.</summary>
public static class HardwareJson
{
    public static object System(HwSystem system) => new
    {
        name = system.Name,
        description = system.Description,
        chips = system.Chips.Select(c => new { id = c.Id, chip = c.Chip.Name }),
        topology = system.Topology,
        connections = system.Connections.Select(c => new { from = system.Chips[c.From].Id, to = system.Chips[c.To].Id, link = c.Link.Name }),
        hostLink = system.HostLink.Name,
    };
}
