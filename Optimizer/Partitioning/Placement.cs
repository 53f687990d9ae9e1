namespace QuiltNet.Optimizer.Partitioning;

/// <summary>
/// A first placement of a sequence of stages on chips, as a hint for the solver: depth-first, each stage
/// on an unused chip of its type, trying the chips with the widest, then quickest route from the previous
/// one first. On chains, rings, meshes and fully connected systems the first try is already a path of
/// direct links. The solver takes it from there (it is only a hint), so a bounded search is enough.
/// </summary>
internal static class Placement
{
    private const int MaxSteps = 100_000;

    public static IReadOnlyList<int>? Find(PartitionInstance instance, IReadOnlyList<int> types)
    {
        var system = instance.System;
        var chips = new int[types.Count];
        var taken = new bool[system.Chips.Count];
        int steps = 0;

        bool Place(int k)
        {
            if (k == types.Count) return true;
            var candidates = instance.Types[types[k]].Chips.Where(c => !taken[c]);
            if (k > 0)
                candidates = candidates
                    .OrderByDescending(c => system.Route(chips[k - 1], c).BottleneckBandwidthBytesPerSecond)
                    .ThenBy(c => system.Route(chips[k - 1], c).LatencySeconds);
            foreach (int c in candidates.ToList())
            {
                if (++steps > MaxSteps) return false;
                chips[k] = c;
                taken[c] = true;
                if (Place(k + 1)) return true;
                taken[c] = false;
            }
            return false;
        }

        return Place(0) ? chips : null;
    }
}
