using QuiltNet.Estimators.Autoencoders;
using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.AutoML;
using QuiltNet.Optimizer.Partitioning;
using QuiltNet.Optimizer.Plans;
using QuiltNet.Optimizer.Search;

namespace QuiltNet.Optimizer.Tests.Search;

public sealed class PlanSearchSpaceTests
{
    [Fact]
    public void Chips_are_a_knob_only_when_there_are_more_than_two()
    {
        var four = PlanSearchSpace.Create(HardwareCatalog.BuiltIn.System("fpga4-pcie3"), 1.0);
        var chips = Assert.IsType<UniformInt>(four.Single(p => p.Name == PlanSearchSpace.Chips));
        Assert.Equal((2, 4), (chips.Min, chips.Max));
        Assert.DoesNotContain(PlanSearchSpace.Create(HardwareCatalog.BuiltIn.System("h100x2-nvlink4"), 1.0), p => p.Name == PlanSearchSpace.Chips);
        var single = Assert.Throws<ArgumentException>(() => PlanSearchSpace.Create(HardwareCatalog.BuiltIn.System("tpuv1-pcie3"), 1.0));
        Assert.Equal("system", single.ParamName);
    }

    [Fact]
    public void The_budget_knob_never_exceeds_the_constraint()
    {
        var space = PlanSearchSpace.Create(HardwareCatalog.BuiltIn.System("fpga4-pcie3"), 0.5);
        var budget = Assert.IsType<UniformFloat>(space.Single(p => p.Name == PlanSearchSpace.Budget));
        Assert.Equal(0.5, budget.Max);
        Assert.InRange(budget.Min, 0, 0.5);
    }

    [Fact]
    public void A_trials_knobs_reach_the_solver_menu_and_training()
    {
        var system = HardwareCatalog.BuiltIn.System("fpga4-pcie3");
        var space = PlanSearchSpace.Create(system, 1.0);
        var shared = new PlanSettings { Partition = new PartitionOptions { TimeLimitSeconds = 7 }, Training = new TrainingOptions { Epochs = 2 } };
        for (int seed = 0; seed < 20; seed++)
        {
            var p = space.Sample(new Random(seed));
            var request = PlanSearchSpace.Apply(p, shared);
            Assert.Equal(p.GetDouble(PlanSearchSpace.Budget), request.Partition.AccuracyBudgetPp);
            Assert.Equal(p.GetInt(PlanSearchSpace.Chips), request.Partition.MaxChips);
            Assert.Equal(p.GetString(PlanSearchSpace.Objective), request.Partition.Objective.ToString(), ignoreCase: true);
            Assert.Equal([p.GetInt(PlanSearchSpace.Bits)], request.Menu.Bits);
            Assert.Equal(p.GetInt(PlanSearchSpace.Stride), request.Menu.Stride);
            Assert.Equal(shared.Menu.Ratios, request.Menu.Ratios);
            Assert.Equal(p.GetString(PlanSearchSpace.Kind), request.Training.Method.ToString(), ignoreCase: true);
            Assert.Equal((7.0, 2), (request.Partition.TimeLimitSeconds, request.Training.Epochs));
        }
    }

    [Theory]
    [InlineData(8, 2)]
    [InlineData(15, 5)]
    [InlineData(30, 10)]
    [InlineData(200, 10)]
    [InlineData(3, 2)]
    public void Smac_starts_with_a_third_of_the_trials_at_random_between_two_and_ten(int trials, int random) =>
        Assert.Equal(random, PlanSearch.InitialRandomTrials(trials));

    [Fact]
    public void A_search_bounded_by_time_alone_starts_with_smacs_usual_ten() =>
        Assert.Equal(new SmacOptions().InitialRandomTrials, PlanSearch.InitialRandomTrials(null));

}
