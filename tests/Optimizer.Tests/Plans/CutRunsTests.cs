using QuiltNet.Graph;
using QuiltNet.Optimizer.Costs;
using QuiltNet.Optimizer.Partitioning;
using QuiltNet.Optimizer.Plans;

namespace QuiltNet.Optimizer.Tests.Plans;

public sealed class CutRunsTests
{
    // Nodes 0..6: a convolution, its scale and shift (elementwise), a second convolution, its activation, a third
    // convolution and a pool. Cut p falls after node p-1.
    private static readonly (string Op, long Macs, long[] Shape)[] Layers =
    [
        ("Conv", 1000, [1, 8, 4, 4]), ("Mul", 0, [1, 8, 4, 4]), ("Add", 0, [1, 8, 4, 4]),
        ("Conv", 500, [1, 8, 4, 4]), ("Relu", 0, [1, 8, 4, 4]), ("Conv", 800, [1, 16, 2, 2]), ("MaxPool", 0, [1, 16, 1, 1]),
    ];

    private static CutRuns Runs()
    {
        var layers = Layers.Select((l, i) => new LayerProfile(i, $"n{i}", l.Op, [new TensorInfo($"t{i}", ElementType.Float, l.Shape)], l.Macs, 0, 0, 0, 0, 0, false)).ToList();
        var cuts = Enumerable.Range(1, Layers.Length - 1).ToDictionary(p => p, p => new CutPoint(p, [new TensorInfo($"t{p - 1}", ElementType.Float, Layers[p - 1].Shape)]));
        var profile = new ModelProfile("m.onnx", [], [], "test", layers, new ProfileTotals(2300, 0, 0, 0, 0), [.. cuts.Values], []);
        return CutRuns.Of(profile, cuts);
    }

    private static Dictionary<(int Cut, int Ratio, int Bits), CompressionOption> Measured(params (int Cut, int Ratio, int Bits, double Drop)[] drops) =>
        drops.ToDictionary(d => (d.Cut, d.Ratio, d.Bits), d => new CompressionOption(d.Ratio, 1, d.Bits, d.Drop, new CutCompression(d.Ratio * 32.0 / d.Bits)));

    [Fact]
    public void A_drop_measured_at_a_cut_stands_for_its_elementwise_neighbours_with_the_same_tensors()
    {
        var runs = Runs();
        var measured = Measured((2, 4, 8, 7.5));
        // Cuts 1..3 carry the first convolution's output through its scale and shift: one run.
        Assert.Equal(7.5, runs.Estimate(measured, 1, 4, 8));
        Assert.Equal(7.5, runs.Estimate(measured, 3, 4, 8));
        // A convolution lies between cut 3 and cut 4, and cut 6 carries another shape: not the same run.
        Assert.Null(runs.Estimate(measured, 4, 4, 8));
        Assert.Null(runs.Estimate(measured, 6, 4, 8));
        // Another option at the same cut is still unknown.
        Assert.Null(runs.Estimate(measured, 1, 2, 8));
    }

    [Fact]
    public void An_option_measured_in_two_other_runs_is_taken_at_its_best_elsewhere_but_one_bad_cut_does_not_rule_it_out()
    {
        var runs = Runs();
        Assert.Null(runs.Estimate(Measured((2, 4, 8, 9.0)), 6, 4, 8));
        Assert.Equal(6.0, runs.Estimate(Measured((2, 4, 8, 9.0), (5, 4, 8, 6.0)), 6, 4, 8));
        // Within its own run the run's own drop counts, however the others went.
        Assert.Equal(1.0, runs.Estimate(Measured((2, 4, 8, 9.0), (5, 4, 8, 6.0), (4, 4, 8, 1.0)), 5, 4, 8));
    }
}
