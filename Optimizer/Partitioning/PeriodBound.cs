namespace QuiltNet.Optimizer.Partitioning;

/// <summary>
/// A lower bound on the optimal period from a relaxation that needs no solver: the smallest time cap under
/// which the host links fit and the model's end can be reached from its start in at most as many stages as
/// there are slots, each stage within the cap and each cut crossing some route within it. Chip identities,
/// codec time and the accuracy budget are left out, so every real plan passes; for identical chips joined
/// directly and no compression the bound is the optimum itself.
/// </summary>
internal static class PeriodBound
{
    /// <summary>The smallest cap in [<paramref name="from"/>, <paramref name="limit"/>] that passes, or null if none does.</summary>
    public static long? Lowest(PartitionInstance instance, long from, long limit)
    {
        // Double until a cap passes, then bisect between it and the last that failed.
        long failed = from - 1, cap = from;
        while (!Passes(instance, cap))
        {
            if (cap >= limit) return null;
            failed = cap;
            cap = Math.Min(cap * 2, limit);
        }
        while (cap - failed > 1)
        {
            long middle = failed + (cap - failed) / 2;
            if (Passes(instance, middle)) cap = middle;
            else failed = middle;
        }
        return cap;
    }

    private static bool Passes(PartitionInstance instance, long cap) =>
        instance.HostIn.Min(h => h.Time) <= cap && instance.HostOut.Min(h => h.Time) <= cap &&
        SlotSegments.Assign(instance.Segments(cap), instance.Boundaries.Count, instance.Slots)[0].Count > 0;
}
