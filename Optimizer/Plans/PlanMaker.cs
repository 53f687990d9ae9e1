using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;
using QuiltNet.Graph.Bottlenecks;
using QuiltNet.Optimizer.Costs;
using QuiltNet.Optimizer.Partitioning;

namespace QuiltNet.Optimizer.Plans;

/// <summary>
/// Makes a deployment plan: solves the integer program, fits the autoencoders of the cuts it compresses,
/// writes the fused stages (and the baseline's) with <c>plan.json</c> into one folder, and measures both
/// plans' accuracy on the evaluation data. Compression options are measured lazily: the solver first sees
/// every candidate cut's options with their bytes and costs but an accuracy drop still unknown (taken as
/// zero); the cuts it picks get their options measured, and it solves again, until every option it picks
/// has been measured. So only the cuts a plan can use are ever trained, and the final plan's budget holds
/// on measured drops. A plan must beat the baseline on the objective by the minimum gain, else the baseline is
/// the plan; no measured plan beats an optimistic one, so where compression cannot pay nothing is trained.
/// </summary>
public static class PlanMaker
{
    private const int MeasuringRounds = 4;

    public static MadePlan Make(PlanRequest request, string outFolder, IProgress<string>? progress = null)
    {
        var graph = OnnxGraph.Load(request.ModelFile);
        var shapes = TensorShapeInference.Infer(graph);
        var cost = new CostModel(ModelProfiler.Profile(graph, shapes));
        var candidates = CutPoints.Candidates(graph, shapes).ToDictionary(c => c.Position);

        progress?.Report("solving the baseline (no compression)");
        var baseline = Partitioner.Baseline(cost, request.System, request.Partition);
        var measured = new Dictionary<int, IReadOnlyList<CompressionOption>>();
        var sweep = new List<CompressionRow>();
        var plan = baseline;
        bool worthIt = request.Partition.AllowCompression;
        if (worthIt)
        {
            for (int round = 0; round < MeasuringRounds; round++)
            {
                progress?.Report($"solving with compression (round {round + 1})");
                plan = Partitioner.Solve(cost, request.System, Menu(candidates, measured, request, optimistic: true), request.Partition, baseline);
                // Unmeasured options count as losing nothing, so no plan measured later beats this one: if it does not pay, none will.
                if (!(worthIt = WorthIt(request.Partition, plan, baseline))) break;
                var unmeasured = plan.Layout.Cuts.Where((c, i) => plan.Options[i] is not null && !measured.ContainsKey(c)).ToList();
                if (unmeasured.Count == 0) break;
                foreach (int cut in unmeasured)
                {
                    progress?.Report($"measuring compression options at cut {cut}");
                    measured[cut] = Measure(graph, shapes, candidates[cut], request, sweep);
                }
            }
            plan = worthIt ? Partitioner.Solve(cost, request.System, Menu(candidates, measured, request, optimistic: false), request.Partition, baseline) : Instead(plan, baseline);
        }

        progress?.Report("fitting the chosen autoencoders and measuring the plan");
        var fitter = new BottleneckFitter(graph, shapes, request.Calibration, request.Training, request.Cache);
        var weights = Fit(fitter, plan);
        // Drops measured one cut at a time need not add up: when the cuts together lose more than the budget,
        // solve again under a budget shrunk by the overshoot, and in the end keep the baseline rather than break the constraint.
        double original = ReferenceAccuracy.Measure(graph, shapes, request.Evaluation, request.Cache);
        double budget = request.Partition.AccuracyBudgetPp;
        for (int round = 0; weights.Count > 0 && !AccuracyBudget.Keeps(100 * (original - JointAccuracy.Measure(graph, shapes, plan.Layout.Cuts, weights, request.Evaluation)), request.Partition.AccuracyBudgetPp); round++)
        {
            budget /= 2;
            plan = round < MeasuringRounds
                ? Partitioner.Solve(cost, request.System, Menu(candidates, measured, request, optimistic: false), request.Partition with { AccuracyBudgetPp = budget }, baseline)
                : baseline;
            weights = Fit(fitter, plan);
        }

        if (!WorthIt(request.Partition, plan, baseline))
            (plan, weights) = (Instead(plan, baseline), []);

        DeploymentPlan result = null!;
        AtomicOutput.WriteDirectory(outFolder, folder =>
        {
            var planStages = ModelSplitter.Split(graph, shapes, plan.Layout.Cuts, folder, weights);
            var baselineStages = ModelSplitter.Split(graph, shapes, baseline.Layout.Cuts, Path.Combine(folder, "baseline"));
            progress?.Report("measuring the accuracy of the plan and of the baseline");
            double accuracy = PipelineVerifier.Verify(folder, request.Evaluation, request.Evaluation.Count).StagedAccuracy!.Value;
            double baselineAccuracy = ReferenceAccuracy.OfSplit(graph, baseline.Layout.Cuts, request.Evaluation, request.Cache,
                () => PipelineVerifier.Verify(Path.Combine(folder, "baseline"), request.Evaluation, request.Evaluation.Count).StagedAccuracy!.Value);
            var document = new PlanDocument(request, Path.GetFullPath(outFolder), candidates);
            var baselinePart = document.Baseline(baseline, baselineStages, baselineAccuracy);
            result = document.Plan(plan, planStages, accuracy, baselinePart);
            PlanFile.Write(result, Path.Combine(folder, PlanFile.Name));
        }, PlanFile.Name);
        return new MadePlan(result, plan.Estimate, baseline.Estimate, sweep);
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

    private static Dictionary<int, IReadOnlyList<BottleneckWeights>> Fit(BottleneckFitter fitter, PartitionPlan plan)
    {
        var weights = new Dictionary<int, IReadOnlyList<BottleneckWeights>>();
        for (int i = 0; i < plan.Layout.Cuts.Count; i++)
            if (plan.Options[i] is { } option)
                weights[plan.Layout.Cuts[i]] = fitter.Fit(plan.Layout.Cuts[i], option.Ratio, option.Stride, option.Bits).Weights;
        return weights;
    }

    /// <summary>Per candidate cut, its grid's options: measured ones as measured; the others, when optimistic, at an unknown (zero) drop.</summary>
    private static CompressionMenu Menu(IReadOnlyDictionary<int, CutPoint> candidates, IReadOnlyDictionary<int, IReadOnlyList<CompressionOption>> measured, PlanRequest request, bool optimistic)
    {
        double activationBytes = OptionCosts.SmallestActivationBytes(request.System);
        var menu = new Dictionary<int, IReadOnlyList<CompressionOption>>();
        foreach (var (position, cut) in candidates)
        {
            if (measured.TryGetValue(position, out var known)) menu[position] = known;
            else if (optimistic)
                menu[position] = (from ratio in request.Menu.Ratios
                                  from bits in request.Menu.Bits
                                  let stride = request.Menu.StrideAt(cut)
                                  let option = new CompressionOption(ratio, stride, bits, 0, OptionCosts.Of(cut, ratio, stride, bits, activationBytes))
                                  where option.Factor > 1
                                  select option).ToList();
        }
        return new CompressionMenu(menu);
    }

    private static IReadOnlyList<CompressionOption> Measure(OnnxGraph graph, TensorShapes shapes, CutPoint cut, PlanRequest request, List<CompressionRow> sweep)
    {
        double activationBytes = OptionCosts.SmallestActivationBytes(request.System);
        var rows = CompressionSweep.Run(graph, shapes, request.Menu.At(cut), request.Calibration, request.Evaluation, request.Training, request.Cache).Rows;
        sweep.AddRange(rows);
        return rows
            .Select(r => new CompressionOption(r.Ratio, r.Stride, r.Bits, r.AccuracyDropPp, OptionCosts.Of(cut, r.Ratio, r.Stride, r.Bits, activationBytes)))
            .Where(o => o.Factor > 1)
            .ToList();
    }
}
