using System.Diagnostics;
using System.Globalization;
using QuiltNet.Graph;
using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.Costs;
using QuiltNet.Optimizer.Partitioning;
using QuiltNet.Testing;

namespace QuiltNet.Bench;

/// <summary>
/// Time for the CP-SAT partitioner to solve to proven optimality: a 300-node synthetic chain over 16 DPU boards
/// with six compression options per cut, and ResNet-50's architecture over 8 chips. Baselines measured in the
/// same run: the same solve with compression disabled, and the dynamic program that finds the uncompressed
/// optimum on a chain of identical chips (whose period the solver's must equal).
/// </summary>
internal static class SolverSpeed
{
    private const double TargetSeconds = 5;

    public static int Run(string? resnet, string? output)
    {
        var catalog = HardwareCatalog.FromJson("""
            {"systems": [
              {"name": "dpu16-pcie3", "description": "16 ZCU102 DPU boards in a chain on PCIe Gen3 x4", "chips": [{"chip": "zcu102-dpu-b4096", "count": 16}], "topology": {"kind": "chain", "link": "pcie3-x4"}, "hostLink": "pcie3-x4"},
              {"name": "h100x16-eth10g", "description": "16 H100s in a chain on 10 GbE: fast chips, links that bind", "chips": [{"chip": "h100-sxm5", "count": 16}], "topology": {"kind": "chain", "link": "eth-10g"}, "hostLink": "pcie3-x4"},
              {"name": "dpu8-pcie3", "description": "8 ZCU102 DPU boards in a chain on PCIe Gen3 x4", "chips": [{"chip": "zcu102-dpu-b4096", "count": 8}], "topology": {"kind": "chain", "link": "pcie3-x4"}, "hostLink": "pcie3-x4"}
            ]}
            """, "solver-speed");
        // Warm-up: JIT and OR-Tools' native library loading are not what is measured.
        var warm = SyntheticModels.Chain(20, seed: 1);
        Partitioner.Solve(new CostModel(warm), catalog.System("dpu8-pcie3"), SyntheticModels.Menu(warm, 6, seed: 1));

        var rows = new List<Row>
        {
            Measure("300-node synthetic chain", SyntheticModels.Chain(300, seed: 1), catalog.System("dpu16-pcie3")),
            Measure("300-node synthetic chain", SyntheticModels.Chain(300, seed: 1), catalog.System("h100x16-eth10g")),
        };
        string note;
        if (resnet is not null && File.Exists(resnet))
        {
            var profile = ModelProfiler.Profile(OnnxGraph.Load(resnet));
            rows.Add(Measure("ResNet-50", profile, catalog.System("dpu8-pcie3")));
            rows.Add(Measure("ResNet-50", profile, HardwareCatalog.BuiltIn.System("aim8-host")));
            note = $"ResNet-50 from `{Path.GetFileName(resnet)}` ({profile.Layers.Count} nodes, {profile.Cuts.Count} candidate cuts).";
        }
        else
        {
            note = "ResNet-50 skipped: no export given. Run `/usr/bin/python3 bench/torchvision/export_reference.py /tmp/quiltnet-torchvision` (needs Debian's python3-torch and python3-torchvision) and pass `/tmp/quiltnet-torchvision/resnet50.onnx`.";
        }

        string S(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);
        string Us(double seconds) => (seconds * 1e6).ToString("0.##", CultureInfo.InvariantCulture);
        Markdown.Write(output, "Partitioner speed",
            $"dotnet run -c Release --project bench/QuiltNet.Bench -- solver-speed {(resnet is null ? "-" : Path.GetFileName(resnet))}",
            [
                "Throughput objective (period, then energy at that period), accuracy budget 1 pp, CP-SAT's default workers, 60 s limit.",
                "The compression options are synthetic (six per cut: 2×, 4×, 8× channels at 8 bits, 4× at 4 bits, 8× with stride 2,",
                "16× with stride 2 at 4 bits; 1×1 convolution codecs; drops that grow with the factor): this measures the solver, not accuracy.",
                note,
                "",
                Markdown.Row("model", "system", "candidate cuts", "plan: seconds", "proven", "plan period µs", "baseline: seconds", "baseline period µs", "dynamic program: seconds", "DP period µs", "throughput ×", "target"),
                Markdown.Row("---", "---", "---:", "---:", "---", "---:", "---:", "---:", "---:", "---:", "---:", "---"),
                .. rows.Select(r => Markdown.Row(r.Model, r.System, r.Cuts, S(r.Plan.SolveSeconds), r.Plan.ProvenOptimal ? "yes" : "**no**", Us(r.Plan.Estimate.PeriodSeconds),
                    S(r.Baseline.SolveSeconds), Us(r.Baseline.Estimate.PeriodSeconds), S(r.DpSeconds), Us(r.DpPeriod),
                    (r.Baseline.Estimate.PeriodSeconds / r.Plan.Estimate.PeriodSeconds).ToString("0.00", CultureInfo.InvariantCulture), "proven, < 5 s")),
            ]);
        return rows.All(r => r.Plan.ProvenOptimal && r.Plan.SolveSeconds < TargetSeconds && Math.Abs(r.Baseline.Estimate.PeriodSeconds - r.DpPeriod) <= r.Baseline.Scaling.TimeUnitSeconds + 1e-9 * r.DpPeriod) ? 0 : 2;
    }

    private sealed record Row(string Model, string System, int Cuts, PartitionPlan Plan, PartitionPlan Baseline, double DpSeconds, double DpPeriod);

    private static Row Measure(string name, ModelProfile profile, HwSystem system)
    {
        var cost = new CostModel(profile);
        var plan = Partitioner.Solve(cost, system, SyntheticModels.Menu(profile, 6, seed: 1));
        var baseline = Partitioner.Baseline(cost, system);
        var clock = Stopwatch.StartNew();
        // The dynamic program assumes identical chips in a chain; on other systems its period is only for reference.
        double dp = BottleneckDp.Period(cost, system);
        return new Row(name, system.Name, profile.Cuts.Count, plan, baseline, clock.Elapsed.TotalSeconds, dp);
    }
}
