using QuiltNet.HwCatalog;

namespace QuiltNet.Optimizer.Partitioning;

/// <summary>
/// The chips of a system that are the same chip. A stage costs the same on any of them, so segment costs
/// are computed once per type, not once per chip.
/// </summary>
/// <param name="Representative">The first of them, the one the cost model prices a stage on.</param>
/// <param name="Chips">Their indices in the system.</param>
/// <param name="Index">The type's index among the system's chip types.</param>
internal sealed record ChipType(int Index, SystemChip Representative, IReadOnlyList<int> Chips)
{
    public Chip Chip => Representative.Chip;

    public static IReadOnlyList<ChipType> Of(HwSystem system) =>
        Enumerable.Range(0, system.Chips.Count)
            .GroupBy(c => system.Chips[c].Chip)
            .Select((group, index) => new ChipType(index, system.Chips[group.First()], group.ToList()))
            .ToList();
}
