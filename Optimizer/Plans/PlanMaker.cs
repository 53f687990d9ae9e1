using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;
using QuiltNet.Graph.Bottlenecks;
using QuiltNet.Optimizer.Partitioning;

namespace QuiltNet.Optimizer.Plans;

/// <summary>
/// Makes a plan in memory on a <see cref="PlanningContext"/>: solves the integer program, fits the autoencoders of the cuts
/// it compresses, and measures the fused plan on the evaluation data under the context's metric. Every drop and budget is
/// in that metric's percentage points (<see cref="Data.Metrics.FidelityMetric"/>). Compression options are measured lazily:
/// the solver first sees every candidate cut's options with their bytes and costs but a drop still unknown (taken
/// as zero); the options it picks get measured, and it solves again, until every option it picks has been measured. So only
/// options a plan can use are ever trained, and the final plan's budget holds on measured drops. An option not yet measured
/// at a cut is taken at what it lost in the cut's run, or at its best in two other runs (<see cref="CutRuns.Estimate"/>),
/// so that an option that fails is not tried again at every cut while a milder one goes untried. A plan
/// must beat the baseline on the objective by the minimum gain, else the baseline is the plan; a measured plan seldom beats
/// an optimistic one, so where compression cannot pay nothing is trained. Nothing is written: <see cref="PlanWriter"/> does that.
/// </summary>
public static class PlanMaker
{
    private const int MeasuringRounds = 8;

    /// <summary>Makes the best plan these settings allow.</summary>
    /// <param name="context">The model, system and data, prepared once.</param>
    /// <param name="settings">The solver's knobs, the options to measure and the training.</param>
    /// <param name="progress">Receives a line per step.</param>
    /// <param name="cancellationToken">Stops a solve, a training or a measurement within moments.</param>
    public static MadePlan Make(PlanningContext context, PlanSettings settings, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxMeasuredOptions, 1, nameof(settings.MaxMeasuredOptions));
        var partition = settings.Partition;
        progress?.Report("solving the baseline (no compression)");
        var baseline = Partitioner.Baseline(context.Cost, context.System, partition, cancellationToken);
        var measured = new Dictionary<(int Cut, int Ratio, int Bits), CompressionOption>();
        var sweep = new List<CompressionRow>();
        var plan = baseline;
        bool worthIt = partition.AllowCompression;
        if (worthIt)
        {
            for (int round = 0; round < MeasuringRounds; round++)
            {
                progress?.Report($"solving with compression (round {round + 1})");
                plan = Partitioner.Solve(context.Cost, context.System, Menu(context, settings, measured, optimistic: true), partition, baseline, cancellationToken);
                // Unmeasured options count as losing nothing or what they lost elsewhere, so a plan measured later seldom beats this one: if it does not pay, stop.
                if (!(worthIt = WorthIt(partition, plan, baseline))) break;
                var unmeasured = plan.Layout.Cuts.Zip(plan.Options)
                    .Where(p => p.Second is { } o && !measured.ContainsKey((p.First, o.Ratio, o.Bits)))
                    .Select(p => (Cut: p.First, Option: p.Second!)).ToList();
                if (unmeasured.Count == 0 || measured.Count >= settings.MaxMeasuredOptions) break;
                foreach (var (cut, option) in unmeasured.Take(settings.MaxMeasuredOptions - measured.Count))
                {
                    progress?.Report($"measuring {option.Ratio}x fewer features at {option.Bits} bits at cut {cut}");
                    var known = Measure(context, settings, context.Candidates[cut], option, sweep, cancellationToken);
                    measured[(cut, option.Ratio, option.Bits)] = known;
                }
            }
            plan = worthIt
                ? Partitioner.Solve(context.Cost, context.System, Menu(context, settings, measured, optimistic: false), partition, baseline, cancellationToken)
                : Instead(plan, baseline);
        }

        progress?.Report("fitting the chosen autoencoders and measuring the plan");
        var fitter = context.Fitter(settings.Training);
        var weights = Fit(fitter, plan, cancellationToken);
        var fidelity = context.Fidelity(plan.Layout.Cuts, weights, cancellationToken);
        // Drops measured one cut at a time need not add up: when the cuts together lose more than the budget,
        // solve again under a budget shrunk by the overshoot, and in the end keep the baseline rather than break the constraint.
        double budget = partition.AccuracyBudgetPp;
        for (int round = 0; weights.Count > 0 && !AccuracyBudget.Keeps(context.LossPp(fidelity), partition.AccuracyBudgetPp); round++)
        {
            budget /= 2;
            plan = round < MeasuringRounds
                ? Partitioner.Solve(context.Cost, context.System, Menu(context, settings, measured, optimistic: false), partition with { AccuracyBudgetPp = budget }, baseline, cancellationToken)
                : baseline;
            weights = Fit(fitter, plan, cancellationToken);
            fidelity = context.Fidelity(plan.Layout.Cuts, weights, cancellationToken);
        }

        if (!WorthIt(partition, plan, baseline))
        {
            (plan, weights) = (Instead(plan, baseline), []);
            fidelity = context.Fidelity(plan.Layout.Cuts, weights, cancellationToken);
        }
        var baselineFidelity = context.Fidelity(baseline.Layout.Cuts, new Dictionary<int, IReadOnlyList<BottleneckWeights>>(), cancellationToken);
        return new MadePlan(settings, plan, baseline, weights, context.Metric, fidelity, baselineFidelity, sweep);
    }

    /// <summary>Whether the plan beats the baseline on the objective by the minimum gain: compression must pay for its accuracy and its autoencoders.</summary>
    private static bool WorthIt(PartitionOptions options, PartitionPlan plan, PartitionPlan baseline)
    {
        double faster = baseline.Estimate.PeriodSeconds / plan.Estimate.PeriodSeconds;
        double leaner = baseline.Estimate.EnergyJoulesPerInference / plan.Estimate.EnergyJoulesPerInference;
        double gain = options.Objective switch
        {
            PartitionObjective.Throughput => faster,
            PartitionObjective.Energy => leaner,
            _ => faster * leaner,
        };
        return gain >= 1 + options.MinimumGainPercent / 100;
    }

    /// <summary>The baseline in place of a plan not worth it: proven best only if that plan was (a solve cut short may have missed one that pays).</summary>
    private static PartitionPlan Instead(PartitionPlan plan, PartitionPlan baseline) => baseline with { ProvenOptimal = baseline.ProvenOptimal && plan.ProvenOptimal };

    private static Dictionary<int, IReadOnlyList<BottleneckWeights>> Fit(BottleneckFitter fitter, PartitionPlan plan, CancellationToken cancellationToken)
    {
        var weights = new Dictionary<int, IReadOnlyList<BottleneckWeights>>();
        for (int i = 0; i < plan.Layout.Cuts.Count; i++)
            if (plan.Options[i] is { } option)
                weights[plan.Layout.Cuts[i]] = fitter.Fit(plan.Layout.Cuts[i], option.Ratio, option.Stride, option.Bits, cancellationToken).Weights;
        return weights;
    }

    /// <summary>Per candidate cut, its grid's options: measured ones as measured; the others, when optimistic, at their estimated drop, else zero.</summary>
    private static CompressionMenu Menu(PlanningContext context, PlanSettings settings, IReadOnlyDictionary<(int Cut, int Ratio, int Bits), CompressionOption> measured, bool optimistic)
    {
        double activationBytes = OptionCosts.SmallestActivationBytes(context.System);
        var menu = new Dictionary<int, IReadOnlyList<CompressionOption>>();
        foreach (var (position, cut) in context.Candidates)
        {
            if (FeatureAxes.Obstacle(cut) is not null) continue;
            var options = (from ratio in settings.Menu.Ratios
                           from bits in settings.Menu.Bits
                           let stride = settings.Menu.StrideAt(cut)
                           let option = measured.GetValueOrDefault((position, ratio, bits))
                               ?? (optimistic ? new CompressionOption(ratio, stride, bits, context.Runs.Estimate(measured, position, ratio, bits) ?? 0,
                                   OptionCosts.Of(cut, ratio, stride, bits, activationBytes)) : null)
                           where option is not null && option.Factor > 1
                           select option).ToList();
            if (options.Count > 0) menu[position] = options;
        }
        return new CompressionMenu(menu);
    }

    /// <summary>The option's drop under the context's metric, measured: its autoencoders fitted (or found in the cache) and fused, the model run on the evaluation data.</summary>
    private static CompressionOption Measure(PlanningContext context, PlanSettings settings, CutPoint cut, CompressionOption option, List<CompressionRow> sweep, CancellationToken cancellationToken)
    {
        var row = CompressionSweep.Run(context.Fitter(settings.Training), new SweepGrid([cut.Position], [option.Ratio], [option.Bits], option.Stride), context.Evaluation,
            context.ReferenceOutputs, context.Metric, cancellationToken: cancellationToken).Rows.Single();
        sweep.Add(row);
        return option with { AccuracyDropPp = row.LossPp };
    }
}
