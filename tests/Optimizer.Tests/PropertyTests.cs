using QuiltNet.Optimizer.Costs;
using QuiltNet.Optimizer.Simulation;
using QuiltNet.Tests;

namespace QuiltNet.Optimizer.Tests;

/// <summary>Monotonic properties of the cost model, over random cut sets of every example model.</summary>
public sealed class PropertyTests
{
    private static IEnumerable<(string Model, IReadOnlyList<int> Cuts)> RandomLayouts(int perModel, int maxCuts)
    {
        var random = new Random(11);
        foreach (string model in Repository.ExampleModels)
        {
            var candidates = ProfileCache.Get(model).Cuts.Select(c => c.Position).ToArray();
            for (int i = 0; i < perModel; i++)
                yield return (model, candidates.OrderBy(_ => random.Next()).Take(random.Next(1, maxCuts + 1)).Order().ToList());
        }
    }

    [Fact]
    public void More_link_bandwidth_never_slows_a_plan()
    {
        foreach (var (model, cuts) in RandomLayouts(10, 3))
        {
            var cost = new CostModel(ProfileCache.Get(model));
            double previous = 0;
            foreach (double bandwidth in new[] { 1e7, 1e8, 1e9, 1e10, 1e11 })
            {
                double throughput = PipelineSimulator.Estimate(cost, Catalogs.Chain(4, linkBandwidth: bandwidth), PipelineLayout.Sequential(cuts)).ThroughputPerSecond;
                Assert.True(throughput >= previous, $"{model} {string.Join(',', cuts)}: {throughput} < {previous} at {bandwidth} B/s");
                previous = throughput;
            }
        }
    }

    [Fact]
    public void A_compressed_cut_never_sends_more_bytes()
    {
        var system = Catalogs.Chain(4);
        foreach (var (model, cuts) in RandomLayouts(10, 3))
        {
            var cost = new CostModel(ProfileCache.Get(model));
            var plain = PipelineSimulator.Estimate(cost, system, PipelineLayout.Sequential(cuts));
            foreach (double factor in new[] { 1.0, 2, 4, 8, 16 })
            {
                var compressed = PipelineSimulator.Estimate(cost, system, PipelineLayout.Sequential(cuts, cuts.Select(_ => new CutCompression(factor)).ToList()));
                for (int k = 0; k < plain.Links.Count; k++)
                    Assert.True(compressed.Links[k].Bytes <= plain.Links[k].Bytes);
                Assert.True(compressed.ThroughputPerSecond >= plain.ThroughputPerSecond);
            }
        }
    }

    [Fact]
    public void Splitting_over_more_chips_never_raises_per_chip_memory()
    {
        var system = Catalogs.Chain(8);
        var random = new Random(5);
        foreach (string model in Repository.ExampleModels)
        {
            var profile = ProfileCache.Get(model);
            var cost = new CostModel(profile);
            var candidates = profile.Cuts.Select(c => c.Position).ToArray();
            for (int trial = 0; trial < 10; trial++)
            {
                var cuts = candidates.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).Order().ToList();
                var refined = cuts.Append(candidates[random.Next(candidates.Length)]).Distinct().Order().ToList();
                double before = PipelineSimulator.Estimate(cost, system, PipelineLayout.Sequential(cuts)).Stages.Max(s => s.MemoryUsedBytes);
                double after = PipelineSimulator.Estimate(cost, system, PipelineLayout.Sequential(refined)).Stages.Max(s => s.MemoryUsedBytes);
                Assert.True(after <= before, $"{model}: {string.Join(',', cuts)} → {string.Join(',', refined)} raised memory {before} → {after}");
            }
        }
    }
}
