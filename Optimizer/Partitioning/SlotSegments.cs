namespace QuiltNet.Optimizer.Partitioning;

/// <summary>
/// Which stages each pipeline slot (stage index) may hold. Slot k can only start at a boundary that k
/// stages can reach from the model's start, and only end where the remaining slots can still reach the
/// model's end. Under a tight time bound that leaves each slot a few dozen segments instead of thousands,
/// which is what keeps the slot-indexed model small.
/// </summary>
internal static class SlotSegments
{
    public static IReadOnlyList<IReadOnlyList<Segment>> Assign(IReadOnlyList<Segment> segments, int boundaries, int slots)
    {
        int last = boundaries - 1;
        // finishes[r][b]: from boundary b the model's end is at most r stages away.
        var finishes = new bool[slots][];
        finishes[0] = new bool[boundaries];
        finishes[0][last] = true;
        for (int r = 1; r < slots; r++)
        {
            finishes[r] = (bool[])finishes[r - 1].Clone();
            foreach (var s in segments)
                if (finishes[r - 1][s.To]) finishes[r][s.From] = true;
        }

        var assigned = new List<IReadOnlyList<Segment>>();
        var starts = new bool[boundaries];
        starts[0] = true;
        for (int k = 0; k < slots; k++)
        {
            var mine = segments.Where(s => starts[s.From] && finishes[slots - 1 - k][s.To]).ToList();
            assigned.Add(mine);
            starts = new bool[boundaries];
            foreach (var s in mine)
                if (s.To != last) starts[s.To] = true;
        }
        return assigned;
    }
}
