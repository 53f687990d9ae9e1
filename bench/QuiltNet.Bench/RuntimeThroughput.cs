using System.Diagnostics;
using System.Globalization;
using QuiltNet.Data;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;
using QuiltNet.Graph.Bottlenecks;
using QuiltNet.Optimizer.Costs;
using QuiltNet.Optimizer.Simulation;
using QuiltNet.Runtime;

namespace QuiltNet.Bench;

/// <summary>
/// The pipelined runtime measured: (a) the whole model as one stage against a plain ONNX Runtime session
/// on the same model and intra-op thread count (target ≥ 90 %); (b) the model split after its second block
/// over an emulated 1 Gb/s link, uncompressed against a 16× code (4× fewer channels at 8 bits, PCA
/// weights), with the ratio the simulator predicts for the same link beside the measured one. Rounds
/// alternate the two sides, so contention from other work hits both alike; medians are reported.
/// </summary>
internal static class RuntimeThroughput
{
    /// <summary>Short rounds, many of them: bursts of other work on the shared machine then hit both sides alike.</summary>
    private const int Rounds = 9, InputsPerRound = 4000;
    private const int Cut = 15;
    private const double LinkGbps = 1, LinkLatencyMicroseconds = 10;

    /// <summary>cpu-local cores joined by the link the runtime emulates, for the simulator's prediction.</summary>
    private const string EmulatedSystem = """
        {
          "links": [{
            "name": "bench-1g", "description": "The link 'quiltnet run --link-gbps 1 --link-latency-us 10' emulates.",
            "source": "runtime benchmark", "bandwidthBytesPerSecond": { "value": 1, "unit": "Gb/s" },
            "latencySecondsPerHop": { "value": 10, "unit": "us" }, "energyPicojoulesPerBit": 10
          }],
          "systems": [{
            "name": "cpu-local-1g", "description": "Two cpu-local cores in a chain over bench-1g.",
            "chips": [{ "chip": "cpu-local-core", "count": 2 }],
            "topology": { "kind": "chain", "link": "bench-1g" }, "hostLink": "cpu-local-memory"
          }]
        }
        """;

    public static int Run(string model, string dataFolder, string? output)
    {
        string loadBefore = LoadAverage();
        var graph = OnnxGraph.Load(model);
        var shapes = TensorShapeInference.Infer(graph);
        var evaluation = SampleSet.Load(dataFolder, SampleSet.Evaluation, InputsPerRound);
        var calibration = SampleSet.Load(dataFolder, SampleSet.Calibration, 2000);
        string folder = Directory.CreateTempSubdirectory("quiltnet-bench-runtime-").FullName;
        try
        {
            var single = new[] { 1, 2 }.Select(threads => (Threads: threads, Rates: SingleStage(graph, shapes, evaluation, threads))).ToList();
            var (plain, coded, fitted) = TwoStages(graph, shapes, evaluation, calibration, folder);
            var simulated = Simulate(graph, shapes, fitted);
            Write(output, model, dataFolder, evaluation, single, plain, coded, simulated, loadBefore, LoadAverage());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        return 0;
    }

    /// <summary>
    /// Per round: a plain session's batch-1 throughput, then the runtime's with the model as its only stage,
    /// each with the process's CPU seconds per inference (which contention from other work inflates far less
    /// than it does wall time).
    /// </summary>
    private static List<SingleStageRound> SingleStage(OnnxGraph graph, TensorShapes shapes, SampleSet data, int threads)
    {
        var input = shapes.Inputs[0];
        var stage = new StageSpec($"stage 0 ({Path.GetFileName(graph.Path)})", graph.Path,
            [new ManifestTensor(input.Name, "float", [-1, .. input.Shape.Skip(1)])], [new ManifestTensor(graph.Outputs[0], "float", [-1])]);
        using var pipeline = StagePipeline.Open([stage], threads);
        using var session = new OnnxRunner(OrtSessions.Open(graph.Path, threads: threads));
        var feeds = Enumerable.Range(0, data.Count).Select(i => new Dictionary<string, HostTensor> { [input.Name] = data.Batch(i, 1, input) }).ToList();
        for (int i = 0; i < 50; i++) session.Run(feeds[i]);

        var rounds = new List<SingleStageRound>();
        for (int round = 0; round < Rounds; round++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            double plain = 0;
            // On a thread of its own, as the runtime's stage is: where the scheduler puts a new thread on
            // this shared two-core machine moved either side by ±15 % when only one of them got one.
            var loop = new Thread(() =>
            {
                var clock = Stopwatch.StartNew();
                foreach (var feed in feeds) session.Run(feed);
                plain = feeds.Count / clock.Elapsed.TotalSeconds;
            });
            loop.Start();
            loop.Join();
            var plainCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var report = pipeline.Run(data);
            var pipelinedCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu - plainCpu;
            rounds.Add(new SingleStageRound(plain, report.ThroughputPerSecond, plainCpu.TotalSeconds / feeds.Count, pipelinedCpu.TotalSeconds / report.Inputs));
        }
        return rounds;
    }

    private sealed record SingleStageRound(double Plain, double Pipelined, double PlainCpuSeconds, double PipelinedCpuSeconds);

    private static (List<RuntimeReport> Plain, List<RuntimeReport> Coded, BottleneckWeights Fitted) TwoStages(
        OnnxGraph graph, TensorShapes shapes, SampleSet evaluation, SampleSet calibration, string folder)
    {
        string plainFolder = Path.Combine(folder, "uncompressed"), codedFolder = Path.Combine(folder, "16x");
        ModelSplitter.Split(graph, shapes, [Cut], plainFolder);
        var fitted = BottleneckFitting.Fit(graph, shapes, new Dictionary<int, (int, int, int)> { [Cut] = (4, 1, 8) }, calibration, new TrainingOptions { Method = TrainingMethod.Pca });
        ModelSplitter.Split(graph, shapes, [Cut], codedFolder, fitted);

        var options = new RuntimeOptions { Link = LinkEmulation.FromGigabits(LinkGbps, LinkLatencyMicroseconds) };
        using var plain = StagePipeline.Open(StageFolder.Load(plainFolder));
        using var coded = StagePipeline.Open(StageFolder.Load(codedFolder));
        var plainRuns = new List<RuntimeReport>();
        var codedRuns = new List<RuntimeReport>();
        for (int round = 0; round < Rounds; round++)
        {
            plainRuns.Add(plain.Run(evaluation, options));
            codedRuns.Add(coded.Run(evaluation, options));
        }
        return (plainRuns, codedRuns, fitted[Cut].Single());
    }

    /// <summary>The simulator's steady-state throughput of both splits on cpu-local cores over the emulated link.</summary>
    private static (PipelineEstimate Plain, PipelineEstimate Coded) Simulate(OnnxGraph graph, TensorShapes shapes, BottleneckWeights w)
    {
        var cost = new CostModel(ModelProfiler.Profile(graph, shapes));
        var system = HwCatalog.HardwareCatalog.FromJson(EmulatedSystem, "runtime benchmark").System("cpu-local-1g");
        long codecMacs = (long)w.CodeWidth * w.Channels * w.Positions;
        var compression = new CutCompression(w.Option.Ratio(w.Channels), codecMacs, codecMacs, (long)w.CodeWidth * w.Channels + w.CodeWidth, (long)w.Channels * w.CodeWidth + w.Channels);
        return (PipelineSimulator.Estimate(cost, system, PipelineLayout.Sequential([Cut])),
                PipelineSimulator.Estimate(cost, system, PipelineLayout.Sequential([Cut], [compression])));
    }

    private static void Write(string? output, string model, string dataFolder, SampleSet evaluation,
        List<(int Threads, List<SingleStageRound> Rates)> single, List<RuntimeReport> plain, List<RuntimeReport> coded,
        (PipelineEstimate Plain, PipelineEstimate Coded) simulated, string loadBefore, string loadAfter)
    {
        string F(double v, string f = "0") => v.ToString(f, CultureInfo.InvariantCulture);
        string Us(double seconds) => F(seconds * 1e6, "0.0");
        var body = new List<string>
        {
            $"Model `{Path.GetFileName(model)}`, data: the first {evaluation.Count} images of `{evaluation.Source}` per round, batch 1, median of {Rounds} alternating rounds. " +
            $"Load average (1, 5, 15 min) before: {loadBefore}; after: {loadAfter}.",
            "",
            "## (a) The whole model as one stage against a plain ONNX Runtime session",
            "",
            "The plain session runs the same (prepared) inputs in a loop on a thread of its own; the runtime runs the stage on a thread of its own, " +
            "taking each input from the data and scoring each result. CPU is the whole process's CPU time per inference.",
            "",
            Markdown.Row("intra-op threads", "plain session /s", "runtime, 1 stage /s", "runtime / plain", "per round", "CPU µs/inference plain", "runtime", "runtime / plain"),
            Markdown.Row("---:", "---:", "---:", "---:", "---", "---:", "---:", "---:"),
        };
        foreach (var (threads, rates) in single)
        {
            var ratios = rates.Select(r => r.Pipelined / r.Plain).ToList();
            double plainCpu = Median(rates.Select(r => r.PlainCpuSeconds)), pipelinedCpu = Median(rates.Select(r => r.PipelinedCpuSeconds));
            body.Add(Markdown.Row(threads, F(Median(rates.Select(r => r.Plain))), F(Median(rates.Select(r => r.Pipelined))),
                F(100 * Median(ratios), "0.0") + " %", string.Join(", ", ratios.Select(r => F(100 * r, "0") + " %")),
                Us(plainCpu), Us(pipelinedCpu), F(100 * pipelinedCpu / plainCpu, "0.0") + " %"));
        }
        body.Add("");
        body.Add("Target: ≥ 90 % at the same thread count.");

        double plainRate = Median(plain.Select(r => r.ThroughputPerSecond)), codedRate = Median(coded.Select(r => r.ThroughputPerSecond));
        var roundRatios = plain.Zip(coded, (p, c) => c.ThroughputPerSecond / p.ThroughputPerSecond).ToList();
        double measured = Median(roundRatios);
        body.AddRange(
        [
            "",
            $"## (b) Two stages over an emulated {F(LinkGbps)} Gb/s link (+{F(LinkLatencyMicroseconds)} µs a transfer), cut {Cut} (after the second block, 32×14×14)",
            "",
            "One thread of intra-op work per stage. The 16× code is 8 of 32 channels at 8 bits; its weights are PCA-initialised (no distillation), which is enough to measure speed.",
            "",
            Markdown.Row("split", "bytes/input", "throughput /s", "latency p50 µs", "p99 µs", "accuracy", "stage 0 busy µs/input", "stage 1 busy µs/input", "link busy µs/input"),
            Markdown.Row("---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:"),
            Row("uncompressed", plain),
            Row("16× code", coded),
            "",
            $"**Measured throughput ratio, 16× / uncompressed: {F(measured, "0.00")}×** (per round: {string.Join(", ", roundRatios.Select(r => F(r, "0.00") + "×"))}).",
            "",
            Markdown.Row("prediction", "uncompressed /s", "16× /s", "ratio", "measured / predicted"),
            Markdown.Row("---", "---:", "---:", "---:", "---:"),
            Prediction($"simulator: cpu-local cost model, link {F(LinkGbps)} Gb/s + {F(LinkLatencyMicroseconds)} µs (bottlenecks: {simulated.Plain.Bottleneck}; {simulated.Coded.Bottleneck})",
                simulated.Plain.ThroughputPerSecond, simulated.Coded.ThroughputPerSecond),
            Prediction("pipeline formula 1 / max(stage, link) with the stage times measured here", Formula(plain), Formula(coded)),
            "",
            $"Simulated stage times: uncompressed {string.Join(" / ", simulated.Plain.Stages.Select(s => Us(s.TimeSeconds)))} µs, 16× {string.Join(" / ", simulated.Coded.Stages.Select(s => Us(s.TimeSeconds)))} µs; " +
            $"link {Us(simulated.Plain.Links[1].TimeSeconds)} µs and {Us(simulated.Coded.Links[1].TimeSeconds)} µs.",
        ]);
        Markdown.Write(output, "Pipelined runtime throughput",
            $"dotnet run -c Release --project bench/QuiltNet.Bench -- runtime {model} {dataFolder}", body);

        string Row(string name, List<RuntimeReport> runs)
        {
            var median = runs.OrderBy(r => r.ThroughputPerSecond).ElementAt(runs.Count / 2);
            var link = median.Links[0];
            return Markdown.Row(name, F(link.BytesPerInput), F(median.ThroughputPerSecond), Us(median.LatencyP50Seconds), Us(median.LatencyP99Seconds),
                F(100 * median.Accuracy, "0.00") + " %", Us(median.Stages[0].BusySeconds / median.Inputs), Us(median.Stages[1].BusySeconds / median.Inputs),
                Us(link.BusySeconds!.Value / median.Inputs));
        }

        string Prediction(string name, double uncompressed, double compressed) =>
            Markdown.Row(name, F(uncompressed), F(compressed), F(compressed / uncompressed, "0.00") + "×", F(100 * measured / (compressed / uncompressed), "0") + " %");
    }

    /// <summary>Steady-state throughput the simulator's formula gives for the stage and link times a run measured.</summary>
    private static double Formula(List<RuntimeReport> runs) => Median(runs.Select(r =>
        1 / r.Stages.Select(s => s.BusySeconds / r.Inputs).Append(r.Links[0].BusySeconds!.Value / r.Inputs).Max()));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
