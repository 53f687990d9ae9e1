namespace QuiltNet.Optimizer.Partitioning;

/// <summary>
/// A lower bound on the optimal period from a relaxation that needs no solver: the smallest time cap under
/// which the model's end can be reached from its start with no more stages of each chip type than there
/// are chips of it, each stage within the cap, each cut crossing some route within it, and the host links
/// of the first and last stage's types within it. Which chip is which, codec time and the accuracy budget
/// are left out, so every real plan passes; without compression, on chips that can be lined up along their
/// best routes, the bound is the optimum itself.
/// </summary>
internal static class PeriodBound
{
    /// <summary>The smallest cap in [<paramref name="from"/>, <paramref name="limit"/>] that passes, or null if none does.</summary>
    public static long? Lowest(PartitionInstance instance, long from, long limit)
    {
        // Double until a cap passes, then bisect between it and the last that failed.
        long failed = from - 1, cap = from;
        while (Path(instance, cap) is null)
        {
            if (cap >= limit) return null;
            failed = cap;
            cap = Math.Min(cap * 2, limit);
        }
        while (cap - failed > 1)
        {
            long middle = failed + (cap - failed) / 2;
            if (Path(instance, middle) is not null) cap = middle;
            else failed = middle;
        }
        return cap;
    }

    /// <summary>
    /// The stages of a way from the model's start to its end that passes under the cap, or null if there is
    /// none. The solver starts from it (a hint): where codecs, the budget and chip placement do not get in the
    /// way, it is already a plan.
    /// </summary>
    public static IReadOnlyList<Segment>? Path(PartitionInstance instance, long cap)
    {
        // Forward over the boundaries, keeping for each count vector a boundary is reached with (packed into
        // one integer) the stage that reached it. Where the types are too many to count each, all stages count
        // as one type and only the slots limit them.
        var types = instance.Types;
        var chips = types.Select(t => Math.Min(t.Chips.Count, instance.Slots)).ToArray();
        bool counted = chips.Aggregate(1L, (product, n) => product * (n + 1)) <= 4096;
        var radix = new int[types.Count];
        for (int t = 0, r = 1; t < types.Count; r *= chips[t] + 1, t++) radix[t] = counted ? r : 0;

        var from = instance.Segments(cap)
            .Where(s => (s.From != 0 || instance.HostIn[s.Type].Time <= cap) && (s.To != instance.Last || instance.HostOut[s.Type].Time <= cap))
            .ToLookup(s => s.From);
        var reach = Enumerable.Range(0, instance.Boundaries.Count).Select(_ => new Dictionary<int, (int Stages, Segment Via)>()).ToArray();
        reach[0][0] = (0, default);
        for (int b = 0; b < instance.Last; b++)
            foreach (var (code, (stages, _)) in reach[b])
                foreach (var s in from[b])
                {
                    int next = code + radix[s.Type];
                    if (stages < instance.Slots && (!counted || code / radix[s.Type] % (chips[s.Type] + 1) < chips[s.Type])
                        && (!reach[s.To].TryGetValue(next, out var known) || known.Stages > stages + 1))
                        reach[s.To][next] = (stages + 1, s);
                }
        if (reach[instance.Last].Count == 0) return null;

        var path = new List<Segment>();
        for (int code = reach[instance.Last].MinBy(r => r.Value.Stages).Key, b = instance.Last; b != 0;)
        {
            var via = reach[b][code].Via;
            path.Add(via);
            code -= radix[via.Type];
            b = via.From;
        }
        path.Reverse();
        return path;
    }
}
