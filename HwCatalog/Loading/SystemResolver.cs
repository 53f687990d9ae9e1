namespace QuiltNet.HwCatalog.Loading;

/// <summary>Turns a <see cref="SystemSpec"/> into an <see cref="HwSystem"/> against the layered chips and links,
/// reporting every name it cannot resolve and every topology that does not fit its chips.</summary>
internal sealed class SystemResolver(
    NamedList<Chip> chips,
    NamedList<Link> links,
    IReadOnlySet<string> declaredChips,
    IReadOnlySet<string> declaredLinks)
{
    private sealed record Placed(string Id, Chip? Chip);

    public HwSystem? Resolve(SystemSpec spec, List<CatalogProblem> problems)
    {
        var before = problems.Count;
        var placed = Place(spec.Chips, problems);
        var hostLink = spec.HostLink is null ? null : Find(links, declaredLinks, "link", spec.HostLink, JsonPath.Property(spec.Path, "hostLink"), problems);
        var topology = spec.Topology is null ? null : Connect(spec.Topology, placed, problems);
        if (problems.Count > before || !spec.Complete || hostLink is null || topology is null || placed.Any(chip => chip.Chip is null))
        {
            return null;
        }

        var system = new HwSystem(
            spec.Name!,
            spec.Description,
            placed.Select(chip => new SystemChip(chip.Id, chip.Chip!)).ToList(),
            topology.Value.Declared,
            topology.Value.Connections,
            hostLink);

        // Only an explicit list of links can leave a chip out.
        var unreachable = system.UnreachableFrom(0);
        if (unreachable.Count == 0) return system;

        problems.Add(new CatalogProblem(
            JsonPath.Property(spec.Topology!.Path, "links"),
            $"chips {string.Join(", ", unreachable.Select(i => $"'{placed[i].Id}'"))} cannot be reached from '{placed[0].Id}'; every chip must be connected"));
        return null;
    }

    private List<Placed> Place(IReadOnlyList<ChipSpec> specs, List<CatalogProblem> problems)
    {
        var placed = new List<Placed>();
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var spec in specs)
        {
            var chip = spec.Chip is null ? null : Find(chips, declaredChips, "chip", spec.Chip, JsonPath.Property(spec.Path, "chip"), problems);
            for (var copy = 0; copy < spec.Count; copy++)
            {
                var id = (spec.Count == 1 ? spec.Id : null) ?? $"chip{placed.Count}";
                if (!ids.Add(id))
                {
                    problems.Add(new CatalogProblem(spec.Id is null ? spec.Path : JsonPath.Property(spec.Path, "id"), $"duplicate chip id '{id}' in this system"));
                }

                placed.Add(new Placed(id, chip));
            }
        }

        return placed;
    }

    private (Topology Declared, List<Connection> Connections)? Connect(TopologySpec topology, List<Placed> placed, List<CatalogProblem> problems)
    {
        switch (topology)
        {
            // A kind or mesh shape the schema rejects is the schema's to report.
            case { Kind: null }:
            case { Kind: TopologyKind.Mesh2d, Rows: not > 0 }:
            case { Kind: TopologyKind.Mesh2d, Columns: not > 0 }:
                return null;
            case { Kind: TopologyKind.Explicit }:
                return ConnectExplicitly(topology.Edges, placed, problems) is { } edges ? (new Topology(TopologyKind.Explicit), edges) : null;
            case { Kind: TopologyKind.Mesh2d, Rows: { } rows, Columns: { } columns } when rows * columns != placed.Count:
                problems.Add(new CatalogProblem(topology.Path, $"a {rows} × {columns} mesh has {rows * columns} places but the system has {placed.Count} chips"));
                return null;
        }

        var kind = topology.Kind.Value;
        var link = topology.Link is null ? null : Find(links, declaredLinks, "link", topology.Link, JsonPath.Property(topology.Path, "link"), problems);
        if (link is null) return null;

        var declared = kind == TopologyKind.Mesh2d ? new Topology(kind, topology.Rows, topology.Columns) : new Topology(kind);
        return (declared, [.. RegularTopology.Connect(kind, placed.Count, topology.Columns ?? 1, link)]);
    }

    private List<Connection>? ConnectExplicitly(IReadOnlyList<EdgeSpec> edges, List<Placed> placed, List<CatalogProblem> problems)
    {
        var indexOf = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = placed.Count - 1; i >= 0; i--)
        {
            // Of duplicate ids (reported when placing) the first stands.
            indexOf[placed[i].Id] = i;
        }

        var connections = new List<Connection>();
        var complete = true;
        foreach (var edge in edges)
        {
            var from = Endpoint(edge.From, "from");
            var to = Endpoint(edge.To, "to");
            var link = edge.Link is null ? null : Find(links, declaredLinks, "link", edge.Link, JsonPath.Property(edge.Path, "link"), problems);
            if (from is not null && from == to)
            {
                problems.Add(new CatalogProblem(JsonPath.Property(edge.Path, "to"), $"joins chip '{edge.To}' to itself"));
            }
            else if (from is not null && to is not null && link is not null)
            {
                connections.Add(new Connection(from.Value, to.Value, link));
                continue;
            }

            complete = false;

            int? Endpoint(string? id, string property)
            {
                if (id is null) return null;
                if (indexOf.TryGetValue(id, out var index)) return index;

                problems.Add(new CatalogProblem(
                    JsonPath.Property(edge.Path, property),
                    $"no chip with id '{id}' in this system; its ids are {string.Join(", ", placed.Select(chip => chip.Id))}"));
                return null;
            }
        }

        return complete ? connections : null;
    }

    private static T? Find<T>(NamedList<T> list, IReadOnlySet<string> declared, string what, string name, string path, List<CatalogProblem> problems)
        where T : class
    {
        if (list.Find(name) is { } found) return found;

        // A name the files declare but whose entry is broken: that entry's own problem says what is wrong.
        if (!declared.Contains(name)) problems.Add(new CatalogProblem(path, list.Unknown(what, name)));
        return null;
    }
}
