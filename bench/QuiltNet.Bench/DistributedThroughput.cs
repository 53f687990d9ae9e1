using System.Globalization;
using QuiltNet.Data;
using QuiltNet.Graph;
using QuiltNet.Optimizer.Costs;
using QuiltNet.Optimizer.Plans;
using QuiltNet.Optimizer.Simulation;
using QuiltNet.Runtime;
using QuiltNet.Runtime.Distributed;
using QuiltNet.Testing;

namespace QuiltNet.Bench;

/// <summary>
/// A plan run across stage workers, each in a network namespace of its own, joined by veth pairs shaped with
/// tc's tbf, against two baselines: the same cuts without autoencoders (the paper's) and the plan's own
/// no-compression baseline. Each is measured at each link rate; the simulator's prediction for cpu-local
/// cores joined by a link of the same rate stands beside it. Needs root and iproute2.
/// </summary>
internal static class DistributedThroughput
{
    /// <summary>Rounds alternate the variants, so bursts of other work on the shared machine hit them alike; medians are reported.</summary>
    private const int Inputs = 2000, Port = 5000, Rounds = 3;
    private static readonly double[] RatesMbit = [1000, 100];

    public static int Run(string planPath, string dataFolder, string? output)
    {
        if (NetworkLab.Unavailable() is { } why)
        {
            Console.Error.WriteLine($"error: {why}");
            return 1;
        }
        string loadBefore = LoadAverage();
        var plan = PlanFile.Read(planPath);
        string planFolder = PlanFile.FolderOf(planPath);
        var data = SampleSet.Load(dataFolder, SampleSet.Evaluation, Inputs);
        string scratch = Directory.CreateTempSubdirectory("quiltnet-bench-distributed-").FullName;
        try
        {
            var graph = OnnxGraph.Load(Path.Combine(planFolder, plan.Model.File));
            var shapes = TensorShapeInference.Infer(graph);
            int[] cuts = plan.Cuts.Select(c => c.Position).ToArray();
            ModelSplitter.Split(graph, shapes, cuts, Path.Combine(scratch, "same-cuts"));
            var variants = new (string Name, string Folder)[]
            {
                ("QuiltNet plan", planFolder),
                ("same cuts, no autoencoders", Path.Combine(scratch, "same-cuts")),
                ("plan's baseline", Path.Combine(planFolder, "baseline")),
            };
            var cost = new CostModel(ModelProfiler.Profile(graph, shapes));
            var rows = new List<Row>();
            foreach (double rate in RatesMbit)
            {
                var runs = variants.ToDictionary(v => v.Name, _ => new List<RuntimeReport>());
                for (int round = 0; round < Rounds; round++)
                    foreach (var (name, folder) in variants)
                    {
                        var report = Measure(StageFolder.Load(folder), data, rate);
                        Console.Error.WriteLine($"{rate} Mbit/s, round {round}, {name}: {report.ThroughputPerSecond:0.0} /s");
                        runs[name].Add(report);
                    }
                foreach (var (name, folder) in variants)
                    rows.Add(new Row(rate, name, SplitManifest.Read(folder).Cuts.ToArray(),
                        runs[name].OrderBy(r => r.ThroughputPerSecond).ElementAt(Rounds / 2), runs[name].Select(r => r.ThroughputPerSecond).ToList()));
            }
            Write(output, planPath, dataFolder, plan, rows, cost, loadBefore, LoadAverage());
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
        return 0;
    }

    /// <summary>A variant at a rate: its median run, and every round's throughput.</summary>
    private sealed record Row(double RateMbit, string Variant, int[] Cuts, RuntimeReport Report, List<double> Rounds);

    private static RuntimeReport Measure(IReadOnlyList<StageSpec> stages, SampleSet data, double rateMbit)
    {
        using var lab = NetworkLab.Create(stages.Count, rateMbit);
        var workers = lab.StartWorkers(Port);
        try
        {
            var addresses = lab.Addresses(Port);
            return DistributedPipeline.RunAsync(stages, addresses, data, distributed: new DistributedOptions { Timeout = TimeSpan.FromSeconds(60) })
                .GetAwaiter().GetResult();
        }
        finally
        {
            foreach (var worker in workers) worker.Dispose();
        }
    }

    /// <summary>
    /// The simulator's throughput for these cuts on cpu-local cores (this machine's, as calibrated) joined by a
    /// chain of links at the rate; each cut compressed by the factor its measured wire bytes show against the same
    /// cut uncompressed (encoder and decoder MACs left out: a 1×1 convolution to an eighth of the channels).
    /// </summary>
    private static double Simulated(CostModel cost, int[] cuts, IReadOnlyList<double> factors, double rateMbit)
    {
        var invariant = CultureInfo.InvariantCulture;
        string json = $$"""
            {
              "links": [{
                "name": "shaped", "description": "A veth pair shaped with tc tbf.", "source": "distributed benchmark",
                "bandwidthBytesPerSecond": { "value": {{rateMbit.ToString(invariant)}}, "unit": "Mb/s" },
                "latencySecondsPerHop": { "value": 50, "unit": "us" }, "energyPicojoulesPerBit": 10
              }],
              "systems": [{
                "name": "cpu-local-shaped", "description": "cpu-local cores in a chain over the shaped link.",
                "chips": [{ "chip": "cpu-local-core", "count": {{cuts.Length + 1}} }],
                "topology": { "kind": "chain", "link": "shaped" }, "hostLink": "cpu-local-memory"
              }]
            }
            """;
        var system = HwCatalog.HardwareCatalog.FromJson(json, "distributed benchmark").System("cpu-local-shaped");
        var compression = factors.Select(f => new CutCompression(f)).ToList();
        return PipelineSimulator.Estimate(cost, system, PipelineLayout.Sequential(cuts, compression)).ThroughputPerSecond;
    }

    private static void Write(string? output, string planPath, string dataFolder, DeploymentPlan plan, List<Row> rows, CostModel cost, string loadBefore, string loadAfter)
    {
        string F(double v, string f = "0") => v.ToString(f, CultureInfo.InvariantCulture);
        var body = new List<string>
        {
            $"Plan `{Path.GetFileName(planPath)}` for `{Path.GetFileName(plan.Model.File)}` on `{plan.HardwareSystem}` (cuts {string.Join(", ", plan.Cuts.Select(c => $"{c.Position}: {(c.Option is { } o ? $"ratio {o.Ratio}, {o.Bits}-bit" : "none")}"))}), " +
            $"the first {Inputs} evaluation images of `{dataFolder}`, batch 1, median of {Rounds} alternating rounds, workers as `quiltnet serve` processes, each in a network namespace of its own; " +
            "consecutive workers joined by a veth pair shaped with `tc qdisc ... tbf rate R burst max(16 kB, 1 ms at R) latency 50ms` both ways; the coordinator in the root namespace on unshaped veths. " +
            $"Every process shares the machine's two cores with other work (load average before: {loadBefore}; after: {loadAfter}).",
            "",
            Markdown.Row("link", "variant", "cuts", "bytes/input per link", "measured /s (median)", "per round", "link measured Mb/s", "stage busy µs/input", "accuracy", "simulated /s"),
            Markdown.Row("---:", "---", "---", "---:", "---:", "---", "---:", "---:", "---:", "---:"),
        };
        var simulated = new Dictionary<(double, string), double>();
        foreach (var row in rows)
        {
            var same = rows.Single(r => r.RateMbit == row.RateMbit && r.Variant.StartsWith("same cuts", StringComparison.Ordinal));
            var factors = row.Report.Links.Select((l, i) => row.Cuts.SequenceEqual(same.Cuts) ? same.Report.Links[i].BytesPerInput / l.BytesPerInput : 1).ToList();
            double predicted = Simulated(cost, row.Cuts, factors, row.RateMbit);
            simulated[(row.RateMbit, row.Variant)] = predicted;
            var r = row.Report;
            body.Add(Markdown.Row(F(row.RateMbit) + " Mb/s", row.Variant, string.Join(",", row.Cuts),
                string.Join(" / ", r.Links.Select(l => F(l.BytesPerInput))), F(r.ThroughputPerSecond, "0.0"), string.Join(", ", row.Rounds.Select(t => F(t))),
                string.Join(" / ", r.Links.Select(l => l.MeasuredBytesPerSecond is { } b ? F(b * 8 / 1e6, "0.0") : "-")),
                string.Join(" / ", r.Stages.Select(s => F(s.BusySeconds / r.Inputs * 1e6, "0"))), F(100 * r.Accuracy, "0.00") + " %", F(predicted, "0.0")));
        }
        body.Add("");
        body.Add(Markdown.Row("link", "plan / baseline", "measured ratio", "simulated ratio", "measured / simulated"));
        body.Add(Markdown.Row("---:", "---", "---:", "---:", "---:"));
        foreach (double rate in RatesMbit)
        {
            var planRow = rows.Single(r => r.RateMbit == rate && r.Variant == "QuiltNet plan");
            foreach (var baseline in rows.Where(r => r.RateMbit == rate && r.Variant != "QuiltNet plan"))
            {
                double measured = planRow.Report.ThroughputPerSecond / baseline.Report.ThroughputPerSecond;
                double predicted = simulated[(rate, "QuiltNet plan")] / simulated[(rate, baseline.Variant)];
                body.Add(Markdown.Row(F(rate) + " Mb/s", $"plan / {baseline.Variant}", F(measured, "0.00") + "×", F(predicted, "0.00") + "×", F(100 * measured / predicted, "0") + " %"));
            }
        }
        Markdown.Write(output, "Distributed runs over shaped links",
            $"sudo dotnet run -c Release --project bench/QuiltNet.Bench -- distributed {planPath} {dataFolder}", body);
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
