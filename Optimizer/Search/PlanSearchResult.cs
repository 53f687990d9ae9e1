using QuiltNet.Optimizer.AutoML;
using QuiltNet.Optimizer.Plans;

namespace QuiltNet.Optimizer.Search;

/// <summary>A finished (or stopped) search: its best trial's plan as written, every trial, and the Pareto front.</summary>
/// <param name="Plan">What <c>plan.json</c> says.</param>
/// <param name="Best">The best trial's plan as made in memory, with its estimates and measured options.</param>
/// <param name="BestTrial">The trial it came from.</param>
/// <param name="Experiment">Every trial and why the search stopped.</param>
/// <param name="ParetoFront">The trials no other beats on throughput, energy and accuracy together.</param>
public sealed record PlanSearchResult(DeploymentPlan Plan, MadePlan Best, TrialResult BestTrial, ExperimentResult Experiment, IReadOnlyList<TrialResult> ParetoFront);
