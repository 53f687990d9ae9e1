using QuiltNet.Graph;
using QuiltNet.Optimizer.Partitioning;

namespace QuiltNet.Optimizer.Plans;

/// <summary>
/// Runs of neighbouring candidate cuts that carry tensors of the same shapes with only elementwise operators (no
/// multiply-accumulates) between them — a convolution's output, then its scale, shift and activation, as exporters
/// write a folded batch norm and a hard-swish. An autoencoder at one cut of a run sees what it sees at the others, so a
/// drop measured at one stands for the same option at the rest until they are measured themselves (<see cref="Estimate"/>).
/// </summary>
internal sealed class CutRuns
{
    private readonly Dictionary<int, int> _runOf;

    private CutRuns(Dictionary<int, int> runOf) => _runOf = runOf;

    /// <summary>The runs among <paramref name="candidates"/>, from the layers' costs in <paramref name="profile"/>.</summary>
    public static CutRuns Of(ModelProfile profile, IReadOnlyDictionary<int, CutPoint> candidates)
    {
        var macsBefore = new long[profile.Layers.Count == 0 ? 1 : profile.Layers.Max(l => l.Position) + 2];
        foreach (var layer in profile.Layers) macsBefore[layer.Position + 1] += layer.Macs;
        for (int i = 1; i < macsBefore.Length; i++) macsBefore[i] += macsBefore[i - 1];
        long MacsBefore(int position) => macsBefore[Math.Clamp(position, 0, macsBefore.Length - 1)];

        var runOf = new Dictionary<int, int>();
        CutPoint? previous = null;
        int run = 0;
        foreach (var cut in candidates.Values.OrderBy(c => c.Position))
        {
            bool same = previous is not null && MacsBefore(cut.Position) == MacsBefore(previous.Position) && SameShapes(previous, cut);
            if (!same) run = cut.Position;
            runOf[cut.Position] = run;
            previous = cut;
        }
        return new CutRuns(runOf);
    }

    /// <summary>
    /// What <paramref name="ratio"/> × <paramref name="bits"/> is taken to lose at <paramref name="position"/> before it is
    /// measured there: the least drop measured in the cut's own run; else, where it was measured in two or more other runs,
    /// the least of those (what it lost at its best, so one bad cut does not rule it out elsewhere); else null (unknown).
    /// </summary>
    public double? Estimate(IReadOnlyDictionary<(int Cut, int Ratio, int Bits), CompressionOption> measured, int position, int ratio, int bits)
    {
        int run = _runOf.GetValueOrDefault(position, position);
        var drops = measured.Where(m => m.Key.Ratio == ratio && m.Key.Bits == bits)
            .Select(m => (Run: _runOf.GetValueOrDefault(m.Key.Cut, m.Key.Cut), m.Value.AccuracyDropPp)).ToList();
        var own = drops.Where(d => d.Run == run).ToList();
        if (own.Count > 0) return own.Min(d => d.AccuracyDropPp);
        return drops.Select(d => d.Run).Distinct().Count() >= 2 ? drops.Min(d => d.AccuracyDropPp) : null;
    }

    private static bool SameShapes(CutPoint a, CutPoint b) =>
        a.Tensors.Count == b.Tensors.Count && a.Tensors.Zip(b.Tensors).All(p => p.First.Shape.SequenceEqual(p.Second.Shape));
}
