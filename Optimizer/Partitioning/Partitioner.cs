using System.Diagnostics;
using System.Globalization;
using Google.OrTools.Sat;
using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.Costs;
using QuiltNet.Optimizer.Simulation;

namespace QuiltNet.Optimizer.Partitioning;

/// <summary>
/// Chooses where to cut a model, which chip runs each stage and how each cut is compressed, with CP-SAT,
/// and scores the result with the simulator.
/// <para>
/// First the <see cref="ChainModel"/> relaxation, which ignores which chip is which, is solved; then its
/// stages are placed on chips. If the placement costs what the relaxation promised (the best routes were
/// there), it is optimal; otherwise the exact <see cref="SlotModel"/> is solved, from the relaxation's period
/// as a lower bound.
/// </para>
/// <para>
/// For throughput each program is solved over a growing time cap: a program holding only the stages and
/// transfers within the cap is small, and if it has a plan at all, its best plan is the best of all, since
/// every plan it leaves out is slower than the cap. The cap starts at a lower bound on the period
/// (<see cref="PeriodBound"/>) and grows while the capped program is infeasible, by 1/64 at first and twice
/// as much each time (the number of candidate stages can grow steeply just above the bound), each failure
/// raising the lower bound. Then, with the period held at its optimum, energy is minimised: lexicographic,
/// two solves, not a weighted sum.
/// </para>
/// </summary>
public static class Partitioner
{
    /// <param name="fallback">
    /// A plan known to be one of this program's (the baseline is one of every compressed program's), returned, marked not
    /// proven optimal, when the time runs out before the solver finds a plan of its own. Without one, the plan the
    /// period bound's path gives, every cut uncompressed, takes its place.
    /// </param>
    /// <param name="cost">The model's costs.</param>
    /// <param name="system">The chips and links to place the stages on.</param>
    /// <param name="menu">The measured compression options per cut; empty for the baseline.</param>
    /// <param name="options">The objective, accuracy budget, chip count, time limit; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the solver within moments; the call then throws <see cref="OperationCanceledException"/>.</param>
    public static PartitionPlan Solve(CostModel cost, HwSystem system, CompressionMenu menu, PartitionOptions? options = null, PartitionPlan? fallback = null,
        CancellationToken cancellationToken = default)
    {
        options ??= PartitionOptions.Default;
        options.Validate();
        var clock = Stopwatch.StartNew();
        var instance = new PartitionInstance(cost, system, menu, options) { Cancellation = cancellationToken };
        MemoryCheck.ThrowIfCannotFit(instance);
        try
        {
            return Solve(instance, clock);
        }
        catch (NoPlanInTime)
        {
            var known = fallback ?? Unsolved(instance, clock);
            if (known is null || known.Estimate.ThroughputPerSecond < (options.ThroughputFloorPerSecond ?? 0)) throw;
            return known with { ProvenOptimal = false, SolveSeconds = clock.Elapsed.TotalSeconds };
        }
    }

    /// <summary>
    /// A plan found without the solver, for when it finds none in time (mixed chips can make even a first plan slow to
    /// find): the stages of the period bound's path at the smallest cap whose stages can be placed on chips, every cut
    /// uncompressed, so it is a plan of every program. Null when no path is placed.
    /// </summary>
    private static PartitionPlan? Unsolved(PartitionInstance instance, Stopwatch clock)
    {
        for (long? cap = PeriodBound.Lowest(instance, 1, Scaling.MaxTime); cap is { } c; cap = c >= Scaling.MaxTime ? null : Math.Min(2 * c, Scaling.MaxTime))
        {
            if (PeriodBound.Path(instance, c) is not { } path || Placement.Find(instance, path.Select(s => s.Type).ToList()) is not { } chips) continue;
            var stages = path.Select((s, k) => new PlannedStage(s, chips[k], s.To == instance.Last ? null : instance.Choices[s.To][0])).ToList();
            var plan = Plan(instance, new Outcome(stages, Period: 0, Energy: null, Objective: 0, Proven: false), clock);
            return plan with { SolverPeriodSeconds = plan.Estimate.PeriodSeconds };
        }
        return null;
    }

    private static PartitionPlan Solve(PartitionInstance instance, Stopwatch clock)
    {
        var options = instance.Options;
        // A floor's period rounds up by at most one unit: a plan at that period meets the floor within 1e-6.
        long limit = options.ThroughputFloorPerSecond is { } floor ? Math.Min(instance.Scaling.Time(1 / floor), Scaling.MaxTime) : Scaling.MaxTime;
        long lower = Math.Min(Scaling.UnitsPerReferencePeriod, limit);
        if (options.Objective == PartitionObjective.Throughput)
            lower = PeriodBound.Lowest(instance, lower, limit) ?? throw Infeasible(instance, clock);

        var relaxed = Optimise(instance, lower, limit, clock, cap => new ChainModel(instance, cap));
        var solved = Place(instance, relaxed, clock)
            ?? Optimise(instance, relaxed.Proven ? relaxed.Period : lower, limit, clock, cap => new SlotModel(instance, cap));
        return Plan(instance, solved, clock);
    }

    /// <summary>The paper's baseline: the best plan the same solver finds with every cut uncompressed.</summary>
    public static PartitionPlan Baseline(CostModel cost, HwSystem system, PartitionOptions? options = null, CancellationToken cancellationToken = default) =>
        Solve(cost, system, CompressionMenu.Empty, (options ?? PartitionOptions.Default) with { AllowCompression = false }, cancellationToken: cancellationToken);

    /// <summary>
    /// A solution: its stages, period, energy (null until energy was an objective) and objective value in
    /// <see cref="Scaling"/> units; <see cref="Proven"/> when every solve behind it proved its optimum.
    /// </summary>
    private sealed record Outcome(IReadOnlyList<PlannedStage> Stages, long Period, long? Energy, double Objective, bool Proven);

    private static Outcome Optimise(PartitionInstance instance, long lower, long limit, Stopwatch clock, Func<long, IntegerProgram> create)
    {
        var options = instance.Options;
        if (options.Objective != PartitionObjective.Throughput)
        {
            var program = create(limit);
            program.Minimize(options.Objective);
            using var solver = new CpSolver();
            var status = program.Solve(solver, Remaining(instance, clock), options.Workers);
            if (status == CpSolverStatus.Infeasible) throw Infeasible(instance, clock);
            ThrowIfNoPlan(status, instance, program);
            return Canonical(instance, clock, program, solver, status == CpSolverStatus.Optimal);
        }

        for (long cap = lower, step = Math.Max(1, lower / 64); ; cap = Math.Min(cap + step, limit), step *= 2)
        {
            var program = create(cap);
            program.LimitBottleneckFromBelow(lower);
            if (PeriodBound.Path(instance, cap) is { } path) program.HintPath(path);
            program.MinimizeBottleneck();
            using var first = new CpSolver();
            var status = program.Solve(first, Remaining(instance, clock), options.Workers);
            if (status == CpSolverStatus.Infeasible)
            {
                if (cap >= limit) throw Infeasible(instance, clock);
                lower = cap + 1;
                continue;
            }
            ThrowIfNoPlan(status, instance, program);
            if (status != CpSolverStatus.Optimal)
                return Read(program, first, provenOptimal: false, energyKnown: false);

            // Second: the least energy at that period, starting from the plan just found.
            program.LimitBottleneck(first.Value(program.Bottleneck));
            program.Hint(first);
            program.Minimize(PartitionObjective.Energy);
            using var second = new CpSolver();
            var energyStatus = program.Solve(second, Remaining(instance, clock), options.Workers);
            return energyStatus is CpSolverStatus.Optimal or CpSolverStatus.Feasible
                ? Canonical(instance, clock, program, second, energyStatus == CpSolverStatus.Optimal)
                : Read(program, first, provenOptimal: false, energyKnown: false);
        }
    }

    /// <summary>
    /// Puts the relaxation's stages on chips: first by <see cref="Placement"/> alone, which is exact when every
    /// transfer gets the route the relaxation counted on; else by a <see cref="SlotModel"/> holding only those
    /// stages, exact when it costs what the relaxation said. Null when neither is (or no time is left).
    /// </summary>
    private static Outcome? Place(PartitionInstance instance, Outcome relaxed, Stopwatch clock)
    {
        var types = relaxed.Stages.Select(s => s.Segment.Type).ToList();
        var chips = Placement.Find(instance, types);
        if (chips is not null && GetsBestRoutes(instance, relaxed.Stages, chips))
            return relaxed with { Stages = relaxed.Stages.Select((s, k) => s with { Chip = chips[k] }).ToList() };

        var program = new SlotModel(instance, relaxed.Period, relaxed.Stages.Select(s => (IReadOnlyList<Segment>)[s.Segment]).ToList());
        if (chips is not null) program.HintChips(chips);
        program.Minimize(instance.Options.Objective == PartitionObjective.Edp ? PartitionObjective.Edp : PartitionObjective.Energy);
        using var solver = new CpSolver();
        var status = program.Solve(solver, Remaining(instance, clock), instance.Options.Workers);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible)) return null;
        bool exact = status == CpSolverStatus.Optimal && solver.ObjectiveValue == relaxed.Objective;
        if (relaxed.Energy is not null && !exact) return null;
        return Canonical(instance, clock, program, solver, relaxed.Proven && exact);
    }

    /// <summary>
    /// <paramref name="solved"/>'s plan, or the canonical plan among those as good (<see cref="IntegerProgram.PreferCanonical"/>).
    /// Equally good plans are common — ViT's blocks all pass a tensor of one size, so many cuts cost the same — and CP-SAT's
    /// parallel workers return whichever they reach first; one more solve makes the same inputs give the same plan.
    /// </summary>
    private static Outcome Canonical(PartitionInstance instance, Stopwatch clock, IntegerProgram program, CpSolver solved, bool provenOptimal)
    {
        double objective = solved.ObjectiveValue;
        program.PreferCanonical((long)Math.Round(objective));
        program.Hint(solved);
        using var canonical = new CpSolver();
        return program.Solve(canonical, Remaining(instance, clock), instance.Options.Workers) is CpSolverStatus.Optimal or CpSolverStatus.Feasible
            ? Read(program, canonical, provenOptimal, energyKnown: true) with { Objective = objective }
            : Read(program, solved, provenOptimal, energyKnown: true);
    }

    // Whether each transfer of the placement costs, in time and energy, the least the relaxation allowed for it.
    private static bool GetsBestRoutes(PartitionInstance instance, IReadOnlyList<PlannedStage> stages, IReadOnlyList<int> chips)
    {
        var kindOf = instance.Routes.SelectMany(r => r.Pairs.Select(p => (p, r.Index))).ToDictionary(x => x.p, x => x.Index);
        for (int k = 0; k + 1 < stages.Count; k++)
        {
            int b = stages[k].Segment.To, type = stages[k].Segment.Type, choice = instance.Choices[b].ToList().IndexOf(stages[k].Cut!);
            var best = instance.RoutesBetween(type, stages[k + 1].Segment.Type).Select(r => instance.Link(b, choice, type, r)).ToList();
            var placed = instance.Link(b, choice, type, kindOf[(chips[k], chips[k + 1])]);
            if (placed.Time != best.Min(l => l.Time) || placed.Energy != best.Min(l => l.Energy)) return false;
        }
        return true;
    }

    private static Outcome Read(IntegerProgram program, CpSolver solved, bool provenOptimal, bool energyKnown) =>
        new(program.Read(solved), solved.Value(program.Bottleneck), energyKnown ? program.EnergyValue(solved) : null, solved.ObjectiveValue, provenOptimal);

    private static PartitionPlan Plan(PartitionInstance instance, Outcome solved, Stopwatch clock)
    {
        var cuts = solved.Stages.SkipLast(1).ToList();
        var layout = new PipelineLayout(
            cuts.Select(s => instance.Boundaries[s.Segment.To]).ToList(),
            solved.Stages.Select(s => s.Chip).ToList(),
            cuts.Select(s => s.Cut!.Compression).ToList());
        var estimate = PipelineSimulator.Estimate(instance.Cost, instance.System, layout);
        return new PartitionPlan(layout, cuts.Select(s => s.Cut!.Option).ToList(), estimate, instance.Options.Objective, solved.Proven,
            clock.Elapsed.TotalSeconds, instance.Scaling.Seconds(solved.Period),
            solved.Energy is { } energy ? instance.Scaling.Joules(energy) : null, instance.Scaling);
    }

    // Memory was checked before solving, so what is left is the throughput floor (said with the fastest
    // plan there is and what holds it back) or memory on a mixed system.
    private static ArgumentException Infeasible(PartitionInstance instance, Stopwatch clock)
    {
        var options = instance.Options;
        if (options.ThroughputFloorPerSecond is not { } floor)
            return new ArgumentException($"no assignment of {Path.GetFileName(instance.Cost.Profile.Model)}'s stages to the chips of {instance.System.Name} fits their memory (weights, activations and codec weights)", "system");
        var fastest = Solve(instance.Cost, instance.System, instance.Menu, options with
        {
            Objective = PartitionObjective.Throughput,
            ThroughputFloorPerSecond = null,
            TimeLimitSeconds = Math.Max(Remaining(instance, clock), 1),
        }, cancellationToken: instance.Cancellation).Estimate;
        return new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"no plan reaches {floor:0.###} inferences/s on {instance.System.Name}: the fastest reaches {fastest.ThroughputPerSecond:0.###}/s, held back by {fastest.Bottleneck} at {fastest.PeriodSeconds * 1e6:0.###} µs per inference (the floor allows {1e6 / floor:0.###} µs)"), nameof(PartitionOptions.ThroughputFloorPerSecond));
    }

    private static void ThrowIfNoPlan(CpSolverStatus status, PartitionInstance instance, IntegerProgram program)
    {
        if (status is CpSolverStatus.Optimal or CpSolverStatus.Feasible) return;
        if (status == CpSolverStatus.Unknown)
            throw new NoPlanInTime(string.Create(CultureInfo.InvariantCulture,
                $"no plan found within {instance.Options.TimeLimitSeconds:0.###} s ({program.Statistics}); allow more time"));
        throw new InvalidOperationException($"CP-SAT answered {status} ({program.Statistics})");
    }

    private sealed class NoPlanInTime(string message) : ArgumentException(message, nameof(PartitionOptions.TimeLimitSeconds));

    private static double Remaining(PartitionInstance instance, Stopwatch clock) => instance.Options.TimeLimitSeconds - clock.Elapsed.TotalSeconds;
}
