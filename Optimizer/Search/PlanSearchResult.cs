using QuiltNet.Optimizer.AutoML;
using QuiltNet.Optimizer.Plans;

namespace QuiltNet.Optimizer.Search;

/// <summary>A finished (or stopped) search: the plan written for its best trial, every trial, and the Pareto front.</summary>
public sealed record PlanSearchResult(MadePlan Best, TrialResult BestTrial, ExperimentResult Experiment, IReadOnlyList<TrialResult> ParetoFront);
