using System.Diagnostics;
using System.Globalization;
using QuiltNet.Graph;
using QuiltNet.Optimizer.Costs;
using QuiltNet.Optimizer.Hardware;

namespace QuiltNet.Bench;

/// <summary>
/// The cost model against reality on <c>cpu-local</c>: every example model cut into 2 and 4 stages, each
/// stage's predicted time on one core against its time measured with ONNX Runtime on one thread
/// (median of repeated batch-1 runs). Reports per-stage error, the median error and Spearman's rank correlation.
/// </summary>
internal static class SimulatorAccuracy
{
    private const int Runs = 300;

    public static int Run(string folder, string? output)
    {
        var system = HardwareSelection.Resolve("cpu-local");
        var core = system.Chips[0];
        var rows = new List<(string Model, int Stages, int Stage, double Predicted, double Measured)>();
        foreach (string model in Directory.GetFiles(folder, "*.onnx").Order())
        {
            var graph = OnnxGraph.Load(model);
            var shapes = TensorShapeInference.Infer(graph);
            var profile = ModelProfiler.Profile(graph, shapes);
            var cost = new CostModel(profile);
            foreach (int stages in new[] { 2, 4 })
            {
                var cuts = Enumerable.Range(1, stages - 1).Select(i => profile.Cuts[i * profile.Cuts.Count / stages].Position).Distinct().ToList();
                var bounds = cuts.Prepend(0).Append(profile.Layers.Count).ToList();
                var extractor = new StageExtractor(graph, shapes);
                for (int k = 0; k + 1 < bounds.Count; k++)
                {
                    double predicted = cost.Stage(k, core, bounds[k], bounds[k + 1]).TimeSeconds;
                    var stage = extractor.Extract(bounds[k], bounds[k + 1], $"stage{k}");
                    double measured = MeasureStage(Google.Protobuf.MessageExtensions.ToByteArray(stage), extractor.Boundary(bounds[k]));
                    rows.Add((Path.GetFileNameWithoutExtension(model), stages, k, predicted, measured));
                }
            }
        }

        var errors = rows.Select(r => Math.Abs(r.Predicted - r.Measured) / r.Measured).Order().ToList();
        double median = errors[errors.Count / 2];
        double spearman = Spearman(rows.Select(r => r.Predicted).ToList(), rows.Select(r => r.Measured).ToList());
        string F(double v, string f) => v.ToString(f, CultureInfo.InvariantCulture);
        var body = new List<string>
        {
            $"System `cpu-local` as calibrated ({core.Chip.Description} peak {F(core.Chip.PeakMacsPerSecond.Value / 1e9, "0.0")} GMAC/s, memory {F(core.Chip.DramBandwidthBytesPerSecond.Value / 1e9, "0.0")} GB/s). " +
            $"Each stage extracted with QuiltNet and run on one ONNX Runtime thread at batch 1, median of {Runs} runs after warm-up.",
            "",
            Markdown.Row("model", "split", "stage", "predicted µs", "measured µs", "error"),
            Markdown.Row("---", "---:", "---:", "---:", "---:", "---:"),
        };
        body.AddRange(rows.Select(r => Markdown.Row(r.Model, $"{r.Stages} stages", r.Stage, F(r.Predicted * 1e6, "0.0"), F(r.Measured * 1e6, "0.0"),
            F(100 * (r.Predicted - r.Measured) / r.Measured, "+0;-0") + " %")));
        body.Add("");
        body.Add($"**Median absolute error: {F(100 * median, "0.0")} %** (aim ≤ 25 %). **Spearman rank correlation: {F(spearman, "0.000")}** over {rows.Count} stages.");
        Markdown.Write(output, "Cost model against measured stage times on cpu-local", $"dotnet run -c Release --project bench/QuiltNet.Bench -- simulator-accuracy {folder}", body);
        return 0;
    }

    private static double MeasureStage(byte[] model, IReadOnlyList<TensorInfo> inputs)
    {
        using var runner = new OnnxRunner(OrtSessions.Open(model, threads: 1));
        var random = new Random(1);
        var feeds = inputs.ToDictionary(i => i.Name, i => HostTensor.Sample(i.ElementType, i.Shape.ToArray(), random));
        for (int i = 0; i < 20; i++) runner.Run(feeds);
        var times = new double[Runs];
        for (int i = 0; i < Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            runner.Run(feeds);
            times[i] = clock.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return times[Runs / 2];
    }

    private static double Spearman(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        double[] Ranks(IReadOnlyList<double> v)
        {
            var order = v.Select((x, i) => (x, i)).OrderBy(p => p.x).ToList();
            var ranks = new double[v.Count];
            for (int r = 0; r < order.Count; r++) ranks[order[r].i] = r;
            return ranks;
        }
        var ra = Ranks(a);
        var rb = Ranks(b);
        double ma = ra.Average(), mb = rb.Average();
        double cov = ra.Zip(rb).Sum(p => (p.First - ma) * (p.Second - mb));
        double va = Math.Sqrt(ra.Sum(x => (x - ma) * (x - ma))), vb = Math.Sqrt(rb.Sum(x => (x - mb) * (x - mb)));
        return cov / (va * vb);
    }
}
