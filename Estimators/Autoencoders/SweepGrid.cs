namespace QuiltNet.Estimators.Autoencoders;

/// <summary>The options a compression sweep tries: every cut × ratio × bits, at one spatial stride.</summary>
public sealed record SweepGrid(IReadOnlyList<int> Cuts, IReadOnlyList<int> Ratios, IReadOnlyList<int> Bits, int Stride = 1)
{
    /// <summary>The number of options: cuts × ratios × bits.</summary>
    public int Count => Cuts.Count * Ratios.Count * Bits.Count;
}
