using QuiltNet.Graph;
using QuiltNet.Optimizer.AutoML;
using QuiltNet.Optimizer.Plans;
using QuiltNet.Optimizer.Search;
using QuiltNet.Optimizer.Simulation;
using QuiltNet.Runtime;

namespace QuiltNet.Optimizer.Reports;

/// <summary>Gathers a finished search into the report model and writes <c>report.html</c> beside the plan.</summary>
public static class SearchReports
{
    /// <summary>The report's file name beside the plan.</summary>
    public const string FileName = "report.html";

    /// <summary>Inputs shown per timeline: enough to see the pipeline fill and settle.</summary>
    private const int TimelineInputs = 20;

    /// <summary>The report model of a finished search made on <paramref name="context"/>.</summary>
    public static SearchReport Of(PlanSearchResult search, PlanningContext context)
    {
        var made = search.Best;
        return new SearchReport(
            $"QuiltNet search: {Path.GetFileName(context.ModelFile)} on {context.System.Name}",
            search.Plan,
            search.Experiment.Trials.Select(Trial).ToList(),
            search.ParetoFront.Select(t => t.TrialId).ToList(),
            context.Profile.Layers.Select(l => new ReportLayer(l.Position, l.Name, l.OpType, l.OutputBytes)).ToList(),
            PipelineSimulator.Resources(made.Plan.Estimate),
            PipelineSimulator.Resources(made.Baseline.Estimate),
            Timeline(made.Plan.Estimate),
            Timeline(made.Baseline.Estimate),
            Memory(made.Plan.Estimate),
            Memory(made.Baseline.Estimate),
            made.Sweep);
    }

    /// <summary>Writes <c>report.html</c> for the search into <paramref name="outFolder"/>, atomically.</summary>
    /// <param name="search">The finished search.</param>
    /// <param name="context">The context it ran on.</param>
    /// <param name="outFolder">The plan's folder.</param>
    /// <param name="measured">The plan run on this machine (<see cref="PlanMeasurement"/>), shown beside the predictions; null for none.</param>
    public static void Write(PlanSearchResult search, PlanningContext context, string outFolder, RuntimeReport? measured = null) =>
        AtomicOutput.WriteFile(Path.Combine(outFolder, FileName), stream => HtmlReportWriter.Write(Of(search, context) with { Measured = measured }, stream));

    private static ReportTrial Trial(TrialResult t) => new(
        t.TrialId, t.Parameters.ToDictionary(p => p.Key, p => p.Value.ToString()), t.Loss,
        t.Metrics.GetValueOrDefault(PlanTrialRunner.Throughput, double.NaN), t.Metrics.GetValueOrDefault(PlanTrialRunner.Energy, double.NaN),
        PlanTrialRunner.ScoreOf(t), t.Status.ToString().ToLowerInvariant(), t.DurationMilliseconds / 1000);

    private static ReportTimeline Timeline(PipelineEstimate estimate)
    {
        var resources = PipelineSimulator.Resources(estimate);
        var events = DiscreteEventSimulator.Run(resources, TimelineInputs);
        return new ReportTimeline(resources.Select(r => r.Name).ToList(), events.Timeline);
    }

    private static List<ChipMemory> Memory(PipelineEstimate estimate) =>
        estimate.Stages.Select(s => new ChipMemory($"{s.ChipId} ({s.Chip.Name})", s.MemoryUsedBytes, s.MemoryCapacityBytes)).ToList();
}
