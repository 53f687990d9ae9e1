using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.Costs;
using QuiltNet.Optimizer.Partitioning;
using QuiltNet.Tests;

namespace QuiltNet.Optimizer.Tests;

/// <summary>CP-SAT's optimal period equals the dynamic program's on chains of identical chips without compression.</summary>
public sealed class DynamicProgramCrossCheckTests
{
    private static readonly PartitionOptions NoCompression = new() { AllowCompression = false, Workers = 2 };

    public static IEnumerable<object[]> ModelsAndChains() =>
        from model in Repository.ExampleModels
        from system in new[] { "fpga4-pcie3", "chain8-slow", "chain3-fast" }
        select new object[] { model, system };

    [Theory]
    [MemberData(nameof(ModelsAndChains))]
    public void Equals_the_dynamic_program_on_every_example_model(string model, string system)
    {
        var hw = system switch
        {
            "chain8-slow" => Catalogs.Chain(8, linkBandwidth: 1e8, sramBytes: 2e5),
            "chain3-fast" => Catalogs.Chain(3, linkBandwidth: 1e11),
            _ => HardwareCatalog.BuiltIn.System(system),
        };
        AssertAgrees(new CostModel(ProfileCache.Get(model)), hw);
    }

    [Fact]
    public void Equals_the_dynamic_program_on_a_hundred_random_instances()
    {
        var random = new Random(2024);
        for (int trial = 0; trial < 100; trial++)
        {
            var profile = SyntheticModels.Chain(random.Next(4, 40), seed: trial, resolution: random.Next(1, 5) * 14);
            var system = Catalogs.Chain(random.Next(1, 7),
                macsPerSecond: Math.Pow(10, random.NextDouble() * 3 + 10),
                sramBytes: Math.Pow(10, random.NextDouble() * 3 + 4),
                dramBandwidth: Math.Pow(10, random.NextDouble() * 2 + 9),
                linkBandwidth: Math.Pow(10, random.NextDouble() * 4 + 7),
                linkLatency: Math.Pow(10, -random.NextDouble() * 4 - 3));
            AssertAgrees(new CostModel(profile), system, $"trial {trial}");
        }
    }

    private static void AssertAgrees(CostModel cost, HwSystem system, string? what = null)
    {
        double expected = BottleneckDp.Period(cost, system);
        var plan = Partitioner.Solve(cost, system, CompressionMenu.Empty, NoCompression);
        Assert.True(plan.ProvenOptimal, what);
        double tolerance = plan.Scaling.TimeUnitSeconds + 1e-9 * expected;
        Assert.True(Math.Abs(plan.Estimate.PeriodSeconds - expected) <= tolerance,
            $"{what} {system.Name}: CP-SAT {plan.Estimate.PeriodSeconds} s, dynamic program {expected} s (unit {plan.Scaling.TimeUnitSeconds})");
        Assert.True(plan.SolverPeriodSeconds >= plan.Estimate.PeriodSeconds - 1e-12 * expected);
    }
}
