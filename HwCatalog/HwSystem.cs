namespace QuiltNet.HwCatalog;

/// <summary>Several chips, the links between them and the link to the host. Only the loader builds one,
/// after checking that every chip can reach every other. Systems with the same content are equal, so a
/// built-in system is recognised in a catalog that layers a user file over the built-in one.</summary>
public sealed class HwSystem : IEquatable<HwSystem>
{
    // Per chip, its neighbours and the fastest link to each; parallel links add nothing to a fewest-hop route.
    private readonly Dictionary<int, Link>[] neighbours;

    internal HwSystem(
        string name,
        string description,
        IReadOnlyList<SystemChip> chips,
        Topology topology,
        IReadOnlyList<Connection> connections,
        Link hostLink)
    {
        Name = name;
        Description = description;
        Chips = chips;
        Topology = topology;
        Connections = connections;
        HostLink = hostLink;
        neighbours = Enumerable.Range(0, chips.Count).Select(_ => new Dictionary<int, Link>()).ToArray();
        foreach (var connection in connections)
        {
            Join(connection.From, connection.To, connection.Link);
            Join(connection.To, connection.From, connection.Link);
        }
    }

    /// <summary>The system's name in the catalog.</summary>
    public string Name { get; }

    /// <summary>What the system is, in a sentence.</summary>
    public string Description { get; }

    /// <summary>The chips in order; heterogeneous systems mix kinds.</summary>
    public IReadOnlyList<SystemChip> Chips { get; }

    /// <summary>How the chips are joined.</summary>
    public Topology Topology { get; }

    /// <summary>Every link between two chips.</summary>
    public IReadOnlyList<Connection> Connections { get; }

    /// <summary>The link between the host and each chip.</summary>
    public Link HostLink { get; }

    /// <summary>The fewest-hop route (breadth-first; among equal routes, the one through lower chip indices).</summary>
    public Route Route(int fromChip, int toChip)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromChip);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(fromChip, Chips.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(toChip);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(toChip, Chips.Count);

        var cameFrom = Explore(fromChip);
        if (fromChip != toChip && cameFrom[toChip] is null)
        {
            throw new InvalidOperationException(
                $"System '{Name}' has no path from chip {fromChip} ('{Chips[fromChip].Id}') to chip {toChip} ('{Chips[toChip].Id}').");
        }

        var path = new List<Hop>();
        for (var at = toChip; at != fromChip; at = path[^1].From)
        {
            path.Add(cameFrom[at]!);
        }

        path.Reverse();
        return new Route(fromChip, toChip, path);
    }

    /// <summary>Whether <paramref name="other"/> has the same name, chips, links and topology.</summary>
    public bool Equals(HwSystem? other) =>
        other is not null &&
        (ReferenceEquals(this, other) ||
         Name == other.Name &&
         Description == other.Description &&
         Topology == other.Topology &&
         HostLink == other.HostLink &&
         Chips.SequenceEqual(other.Chips) &&
         Connections.SequenceEqual(other.Connections));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as HwSystem);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Chips.Count, Connections.Count, HostLink);

    /// <summary>The chips that <paramref name="chip"/> cannot reach; the loader rejects a system that has any.</summary>
    internal IReadOnlyList<int> UnreachableFrom(int chip)
    {
        var cameFrom = Explore(chip);
        return Enumerable.Range(0, Chips.Count).Where(other => other != chip && cameFrom[other] is null).ToList();
    }

    // Breadth-first from one chip: for every chip reached, the hop that first reached it.
    private Hop?[] Explore(int fromChip)
    {
        var cameFrom = new Hop?[Chips.Count];
        var queue = new Queue<int>([fromChip]);
        while (queue.Count > 0)
        {
            var chip = queue.Dequeue();
            foreach (var (next, link) in neighbours[chip].OrderBy(pair => pair.Key))
            {
                if (next == fromChip || cameFrom[next] is not null) continue;
                cameFrom[next] = new Hop(chip, next, link);
                queue.Enqueue(next);
            }
        }

        return cameFrom;
    }

    private void Join(int from, int to, Link link)
    {
        if (!neighbours[from].TryGetValue(to, out var known) ||
            link.BandwidthBytesPerSecond.Value > known.BandwidthBytesPerSecond.Value)
        {
            neighbours[from][to] = link;
        }
    }
}
