using System.Net;
using Plotly.NET;
using QuiltNet.Estimators.Autoencoders;

namespace QuiltNet.Optimizer.Reports;

/// <summary>
/// The report's plotly charts, built from a <see cref="SearchReport"/> with Plotly.NET. Traces and layouts are
/// set as plain plotly.js attributes (Plotly.NET's typed F# builders take every optional argument explicitly
/// from C#), so each attribute name here is the one plotly.js documents.
/// </summary>
internal static class ReportCharts
{
    /// <summary>How many inputs the Gantt charts show: enough to see the pipeline fill and reach its period.</summary>
    public const int TimelineInputs = 20;

    private const double MiB = 1024 * 1024;
    private const double KiB = 1024;

    public static GenericChart ParetoFront(SearchReport report)
    {
        var done = report.Trials.Where(t => double.IsFinite(t.ThroughputPerSecond) && double.IsFinite(t.EnergyJoulesPerInference)).ToList();
        var pareto = report.ParetoTrialIds.ToHashSet();
        var front = done.Where(t => pareto.Contains(t.Id)).OrderBy(t => t.ThroughputPerSecond).ToList();
        var all = Trace("scatter",
            ("name", "trials"), ("mode", "markers"),
            ("x", done.Select(t => t.ThroughputPerSecond).ToArray()),
            ("y", done.Select(t => t.EnergyJoulesPerInference).ToArray()),
            ("text", done.Select(t => $"trial {t.Id}").ToArray()),
            ("marker", new { size = 9, color = done.Select(t => 100 * t.Accuracy).ToArray(), colorscale = "Viridis", showscale = true, colorbar = new { title = new { text = "accuracy %" } } }));
        var highlighted = Trace("scatter",
            ("name", "Pareto front"), ("mode", "lines+markers"),
            ("x", front.Select(t => t.ThroughputPerSecond).ToArray()),
            ("y", front.Select(t => t.EnergyJoulesPerInference).ToArray()),
            ("text", front.Select(t => $"trial {t.Id}").ToArray()),
            ("line", new { color = "crimson", dash = "dot" }),
            ("marker", new { size = 15, color = "rgba(0,0,0,0)", line = new { color = "crimson", width = 2 } }));
        return Chart([all, highlighted], "Trials: throughput against energy (colour: accuracy)", Axis("throughput (inferences/s)"), Axis("energy (J/inference)"));
    }

    public static GenericChart BestSoFar(SearchReport report)
    {
        var scored = report.Trials.Where(t => double.IsFinite(t.Loss)).OrderBy(t => t.Id).ToList();
        var best = new double[scored.Count];
        for (var i = 0; i < scored.Count; i++) best[i] = i == 0 ? scored[i].Loss : Math.Min(best[i - 1], scored[i].Loss);
        var ids = scored.Select(t => t.Id).ToArray();
        return Chart(
            [
                Trace("scatter", ("name", "trial loss"), ("mode", "markers"), ("x", ids), ("y", scored.Select(t => t.Loss).ToArray())),
                Trace("scatter", ("name", "best so far"), ("mode", "lines"), ("line", new { shape = "hv" }), ("x", ids), ("y", best)),
            ],
            "Loss per trial (failed trials left out)", Axis("trial"), Axis("loss"));
    }

    /// <summary>One horizontal bar per interval, based at its start; colour tells the inputs apart.</summary>
    public static GenericChart Timeline(ReportTimeline timeline, string title)
    {
        var shown = timeline.Intervals.Where(i => i.Item < TimelineInputs).ToList();
        var bars = Trace("bar",
            ("orientation", "h"), ("showlegend", false),
            ("y", shown.Select(i => Label(timeline.Resources[i.Resource])).ToArray()),
            ("base", shown.Select(i => 1e3 * i.StartSeconds).ToArray()),
            ("x", shown.Select(i => 1e3 * (i.EndSeconds - i.StartSeconds)).ToArray()),
            ("text", shown.Select(i => $"input {i.Item}").ToArray()),
            ("hovertemplate", "%{text}: %{base:.3f} → %{x:.3f} ms<extra>%{y}</extra>"),
            ("marker", new { color = shown.Select(i => i.Item).ToArray(), colorscale = "Turbo" }));
        // Stages and links in pipeline order from the top down.
        var resources = Axis("", ("categoryorder", "array"), ("categoryarray", timeline.Resources.Select(Label).ToArray()), ("autorange", "reversed"));
        return Chart([bars], title, Axis("time (ms)"), resources);
    }

    public static GenericChart Memory(IReadOnlyList<ChipMemory> chips, string title)
    {
        var names = chips.Select(c => Label(c.Chip)).ToArray();
        return Chart(
            [
                Trace("bar", ("name", "used"), ("x", names), ("y", chips.Select(c => c.UsedBytes / MiB).ToArray())),
                Trace("bar", ("name", "capacity"), ("x", names), ("y", chips.Select(c => c.CapacityBytes / MiB).ToArray())),
            ],
            title, Axis("chip"), Axis("memory (MiB)"), barmode: "group");
    }

    public static GenericChart CutBytes(SearchReport report)
    {
        var cuts = report.Plan.Cuts;
        var names = cuts.Select(c => $"cut @ {c.Position}").ToArray();
        return Chart(
            [
                Trace("bar", ("name", "before (fp32)"), ("x", names), ("y", cuts.Select(c => c.BytesBefore / KiB).ToArray())),
                Trace("bar", ("name", "after compression"), ("x", names), ("y", cuts.Select(c => c.BytesAfter / KiB).ToArray()),
                    ("text", cuts.Select(c => c.Option is { } o ? Label($"{o.Method} ratio {o.Ratio} stride {o.Stride} {o.Bits}-bit") : "uncompressed").ToArray())),
            ],
            "Bytes per inference crossing each cut of the plan", Axis("cut"), Axis("KiB per inference"), barmode: "group");
    }

    /// <summary>Accuracy drop against how much smaller the code is, one line per (cut, bits).</summary>
    public static GenericChart AccuracySweep(IReadOnlyList<CompressionRow> sweep)
    {
        var traces = sweep
            .Where(r => r.BytesAfter > 0)
            .GroupBy(r => (r.Cut, r.Bits))
            .OrderBy(g => g.Key.Cut).ThenBy(g => g.Key.Bits)
            .Select(g =>
            {
                var rows = g.OrderBy(r => (double)r.BytesBefore / r.BytesAfter).ToList();
                return Trace("scatter",
                    ("name", $"cut {g.Key.Cut}, {g.Key.Bits}-bit"), ("mode", "lines+markers"),
                    ("x", rows.Select(r => (double)r.BytesBefore / r.BytesAfter).ToArray()),
                    ("y", rows.Select(r => r.AccuracyDropPp).ToArray()),
                    ("text", rows.Select(r => Label($"{r.Method} ratio {r.Ratio} stride {r.Stride}")).ToArray()));
            })
            .ToArray();
        return Chart(traces, "Accuracy sweep per cut", Axis("bytes reduction (×)", ("type", "log")), Axis("accuracy drop (pp)"));
    }

    private static Trace Trace(string type, params (string Name, object Value)[] attributes)
    {
        var trace = new Trace2D(type);
        foreach (var (name, value) in attributes) trace.SetProperty(name, value);
        return trace;
    }

    private static Dictionary<string, object> Axis(string title, params (string Name, object Value)[] attributes)
    {
        var axis = new Dictionary<string, object> { ["title"] = new { text = title } };
        foreach (var (name, value) in attributes) axis[name] = value;
        return axis;
    }

    private static GenericChart Chart(Trace[] traces, string title, Dictionary<string, object> xaxis, Dictionary<string, object> yaxis, string? barmode = null)
    {
        var layout = new Layout();
        layout.SetProperty("title", new { text = title });
        layout.SetProperty("width", 900);
        layout.SetProperty("height", 460);
        layout.SetProperty("xaxis", xaxis);
        layout.SetProperty("yaxis", yaxis);
        if (barmode is not null) layout.SetProperty("barmode", barmode);
        return GenericChart.addLayout(layout, GenericChart.ofTraceObjects(true, traces));
    }

    /// <summary>
    /// Names from the model or hardware go into the chart data as text, inside a script block: entity-encoding them
    /// keeps a "&lt;/script&gt;" in a name from ending that block, and plotly.js decodes entities when it draws the label.
    /// </summary>
    private static string Label(string text) => WebUtility.HtmlEncode(text);
}
