using System.Globalization;
using QuiltNet.Data;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.AutoML;
using QuiltNet.Optimizer.Partitioning;
using QuiltNet.Optimizer.Plans;
using QuiltNet.Optimizer.Search;

namespace QuiltNet.Bench;

/// <summary>
/// SMAC against random search on the real plan search (`quiltnet optimize`'s loop): every example model,
/// several seeds, the same trial budget, trials that solve, fit, measure and simulate for real. Both tuners
/// draw their random trials from the same seeded stream, so they differ only where SMAC's surrogate picks.
/// </summary>
internal static class TunerComparison
{
    // 30 trials: a surrogate needs data before it can beat chance (at 15, SMAC picks only five trials of its own).
    private const int Trials = 30, Seeds = 5;
    private static readonly int[] Checkpoints = [10, 20, 30];
    private const double MaxLossPp = 1.0;
    private const string System = "fpga4-1gbe";
    private static readonly string[] TunerNames = ["random", "smac"];

    /// <param name="only">Comma-separated example models to run instead of all four (to spread the run over processes).</param>
    public static int Run(string repository, string data, string? output, string? only = null)
    {
        // Smaller data and shorter training than `optimize`'s defaults: 4 models x 5 seeds x 2 tuners x 15 trials must fit a session.
        var calibration = SampleSet.Load(data, SampleSet.Calibration, 500);
        var evaluation = SampleSet.Load(data, SampleSet.Evaluation, 2000);
        var system = HardwareCatalog.BuiltIn.System(System);
        var goal = new SearchGoal(PartitionObjective.Throughput, MaxLossPp);
        var rows = new List<string>();
        int smacAtLeastAsGood = 0, done = 0;
        string[] models = only?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? ["fmnist_vgg", "fmnist_resnet", "fmnist_mobilenet", "fmnist_vit"];
        foreach (string model in models)
        {
            var context = PlanningContext.Load(Path.Combine(repository, "examples", "models", model + ".onnx"), system, calibration, evaluation, AutoencoderCache.Default());
            var settings = new PlanSettings { Partition = new PartitionOptions { TimeLimitSeconds = 30 }, Training = new TrainingOptions { Epochs = 3 } };
            var best = TunerNames.ToDictionary(t => t, _ => new List<double>());
            var curves = TunerNames.ToDictionary(t => t, _ => new double[Trials]);
            // The trials SMAC's forest proposes (after its random start, every other one); random search's trials in the same slots beside them.
            var surrogateSlots = TunerNames.ToDictionary(t => t, _ => new List<double>());
            int start = PlanSearch.InitialRandomTrials(Trials);
            double baseline = 0;
            for (int seed = 1; seed <= Seeds; seed++)
                foreach (string tuner in TunerNames)
                {
                    Console.Error.WriteLine($"{model}, seed {seed}, {tuner}...");
                    string folder = Path.Combine(Path.GetTempPath(), "quiltnet-tuner-comparison", $"{model}-{tuner}-{seed}");
                    if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
                    var result = PlanSearch.RunAsync(context, settings, goal, new PlanSearchOptions { Tuner = tuner, Trials = Trials, Seed = seed }, folder).GetAwaiter().GetResult();
                    baseline = result.Plan.Baseline.ThroughputPerSecond;
                    var losses = result.Experiment.Trials.OrderBy(t => t.TrialId).Select(t => t.Loss).ToList();
                    best[tuner].Add(losses.Min());
                    surrogateSlots[tuner].AddRange(losses.Where((_, i) => i >= start && (i - start) % new SmacOptions().RandomProposalEvery == 0));
                    double soFar = double.PositiveInfinity;
                    for (int i = 0; i < Trials; i++)
                        curves[tuner][i] += (soFar = Math.Min(soFar, i < losses.Count ? losses[i] : soFar)) / Seeds;
                }

            string Curve(string tuner) => string.Join(" → ", Checkpoints.Select(n => F(Throughput(curves[tuner][n - 1]), "N0")));
            double random = best["random"].Average(), smac = best["smac"].Average();
            int wins = best["smac"].Zip(best["random"]).Count(p => p.First < p.Second - 1e-9), ties = best["smac"].Zip(best["random"]).Count(p => Math.Abs(p.First - p.Second) <= 1e-9);
            done++;
            if (smac <= random + 1e-9) smacAtLeastAsGood++;
            rows.Add(Markdown.Row($"`{model}`", F(baseline, "N0"), F(Throughput(random), "N0"), F(Throughput(smac), "N0"), F(random, "0.0000"), F(smac, "0.0000"),
                $"{wins} / {ties} / {Seeds - wins - ties}",
                Curve("random"), Curve("smac"), F(Throughput(surrogateSlots["random"].Average()), "N0"), F(Throughput(surrogateSlots["smac"].Average()), "N0")));
            Write();
        }
        return smacAtLeastAsGood >= Math.Min(3, models.Length) ? 0 : 2;

        void Write() => Markdown.Write(output, "SMAC against random search on the plan search",
            $"dotnet run -c Release --project bench/QuiltNet.Bench -- tuner-comparison . {data} bench/results/tuner-comparison.md{(only is null ? "" : " " + only)}",
            [
                $"`quiltnet optimize`'s search on every example model over `{System}` (links slow enough that the knobs matter), " +
                $"objective throughput, accuracy constraint {MaxLossPp} pp, {Trials} trials per search, seeds 1–{Seeds}, each search run once with " +
                "`--tuner random` and once with `--tuner smac` (its first ten trials random, as `optimize` sizes them for 30). Trials are real: solve, fit the chosen " +
                $"autoencoders ({calibration.Count:N0} calibration images, 3 epochs; cached across trials and searches), measure the fused plan on " +
                $"{evaluation.Count:N0} test images, simulate; a plan less than 5 % faster than its baseline gives way to it (`--min-gain`'s default). Loss = −ln(throughput) + 10 per pp lost beyond the constraint; lower is better. " +
                "Both tuners draw their random trials from the same seeded stream, so they differ only in the trials SMAC's forest picks.",
                "",
                Markdown.Row("model", "baseline inf/s", "random: mean best inf/s", "SMAC: mean best inf/s", "random: mean best loss", "SMAC: mean best loss",
                    "SMAC better / equal / worse (seeds)", $"random: best so far after {string.Join(" → ", Checkpoints)} trials", $"SMAC: best so far after {string.Join(" → ", Checkpoints)} trials",
                    "random: mean inf/s in SMAC's slots", "SMAC: mean inf/s of its forest's picks"),
                Markdown.Row("---", "---:", "---:", "---:", "---:", "---:", "---", "---", "---", "---:", "---:"),
                .. rows,
                "",
                $"Mean best inf/s is e^−(mean best loss): the geometric mean of the seeds' best throughput when every best meets the constraint. " +
                $"The last two columns are e^−(mean loss) of the trials SMAC's forest proposed (trials {PlanSearch.InitialRandomTrials(Trials) + 1}, " +
                $"{PlanSearch.InitialRandomTrials(Trials) + 3}, … over all seeds) and of random search's trials in the same slots: where both reach the same best, what the forest's picks are worth. " +
                $"SMAC's mean best is better than or equal to random search's on {smacAtLeastAsGood} of {done} models.",
            ]);
    }

    private static double Throughput(double loss) => Math.Exp(-loss);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
