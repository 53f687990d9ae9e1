using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.Costs;
using QuiltNet.Optimizer.Partitioning;

namespace QuiltNet.Optimizer.Tests;

/// <summary>
/// On instances small enough to list every plan, CP-SAT's plan is the best one: with compression menus and
/// accuracy budgets, on identical chips in a chain and on mixed chips whose links make the order matter.
/// </summary>
public sealed class BruteForceTests
{
    private const double Relative = 1e-6;

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(0, 12).Select(seed => new object[] { seed });

    private static (CostModel Cost, HwSystem System, CompressionMenu Menu, double Budget) Instance(int seed)
    {
        var random = new Random(seed);
        var profile = SyntheticModels.Chain(random.Next(5, 9), seed, resolution: 28);
        var system = (seed % 3) switch
        {
            0 => Catalogs.Chain(3, linkBandwidth: Math.Pow(10, 6 + random.NextDouble() * 3), sramBytes: Math.Pow(10, 4 + random.NextDouble() * 2)),
            1 => Catalogs.Mixed(linkScale: Math.Pow(10, random.NextDouble() * 2 - 1)),
            _ => Catalogs.Zigzag(linkBandwidth: Math.Pow(10, 6 + random.NextDouble() * 3)),
        };
        double[] budgets = [0, 0.1, 0.3, 1];
        return (new CostModel(profile), system, SyntheticModels.Menu(profile, 2, seed), budgets[random.Next(budgets.Length)]);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Throughput_plan_has_the_best_period_and_the_least_energy_at_it(int seed)
    {
        var (cost, system, menu, budget) = Instance(seed);
        var plans = BruteForce.Plans(cost, system, menu, budget);
        var plan = Partitioner.Solve(cost, system, menu, new PartitionOptions { AccuracyBudgetPp = budget, Workers = 2 });

        double best = plans.Min(p => p.Period);
        Assert.True(plan.ProvenOptimal);
        Assert.InRange(plan.Estimate.PeriodSeconds, best * (1 - Relative), best * (1 + Relative) + plan.Scaling.TimeUnitSeconds);
        double leastEnergy = plans.Where(p => p.Period <= best * (1 + Relative)).Min(p => p.Energy);
        Assert.True(plan.Estimate.EnergyJoulesPerInference <= leastEnergy * (1 + Relative), $"seed {seed}: energy {plan.Estimate.EnergyJoulesPerInference} > {leastEnergy}");
        Assert.True(plan.AccuracyDropPp <= budget + 1e-9);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Energy_plan_spends_the_least_energy_above_the_throughput_floor(int seed)
    {
        var (cost, system, menu, budget) = Instance(seed);
        var plans = BruteForce.Plans(cost, system, menu, budget);
        // A floor between the fastest plan and the slowest, so that it binds.
        double period = plans.Select(p => p.Period).Order().ElementAt(plans.Count / 3);
        var plan = Partitioner.Solve(cost, system, menu, new PartitionOptions
        {
            AccuracyBudgetPp = budget,
            Objective = PartitionObjective.Energy,
            ThroughputFloorPerSecond = 1 / period,
            Workers = 2,
        });

        double leastEnergy = plans.Where(p => p.Period <= period).Min(p => p.Energy);
        Assert.True(plan.ProvenOptimal);
        Assert.True(plan.Estimate.PeriodSeconds <= period * (1 + Relative));
        Assert.InRange(plan.Estimate.EnergyJoulesPerInference, leastEnergy * (1 - Relative), leastEnergy * (1 + Relative));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Edp_plan_is_within_the_coarsened_energy_of_the_best_product(int seed)
    {
        var (cost, system, menu, budget) = Instance(seed);
        var plans = BruteForce.Plans(cost, system, menu, budget);
        var plan = Partitioner.Solve(cost, system, menu, new PartitionOptions { AccuracyBudgetPp = budget, Objective = PartitionObjective.Edp, Workers = 2 });

        double best = plans.Min(p => p.Period * p.Energy);
        Assert.True(plan.ProvenOptimal);
        Assert.InRange(plan.Estimate.PeriodSeconds * plan.Estimate.EnergyJoulesPerInference, best * (1 - Relative), best * (1 + 1e-3));
    }

    [Fact]
    public void Where_the_relaxation_promises_routes_the_chips_lack_the_exact_model_finds_the_best_plan()
    {
        // Three fast stages in a row on a fast, fast, slow, fast chain: the relaxation counts one hop for each
        // transfer, but the third fast chip is two hops away.
        var profile = SyntheticModels.Chain(8, seed: 1);
        var cost = new CostModel(profile);
        var system = Catalogs.Zigzag(linkBandwidth: 1e9);
        var menu = SyntheticModels.Menu(profile, 2, seed: 1);
        var plans = BruteForce.Plans(cost, system, menu, budgetPp: 1);
        var plan = Partitioner.Solve(cost, system, menu, new PartitionOptions { AccuracyBudgetPp = 1, Workers = 2 });

        double best = plans.Min(p => p.Period);
        Assert.True(plan.ProvenOptimal);
        Assert.InRange(plan.Estimate.PeriodSeconds, best * (1 - Relative), best * (1 + Relative) + plan.Scaling.TimeUnitSeconds);
        Assert.True(plan.Estimate.EnergyJoulesPerInference <= plans.Where(p => p.Period <= best * (1 + Relative)).Min(p => p.Energy) * (1 + Relative));
    }
}
