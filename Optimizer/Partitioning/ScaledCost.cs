namespace QuiltNet.Optimizer.Partitioning;

/// <summary>A stage, codec or transfer as the solver sees it: time and energy per inference in <see cref="Scaling"/> units, memory in bytes.</summary>
internal readonly record struct ScaledCost(long Time, long Energy, long Memory = 0);

/// <summary>A stage's node range, [boundary <paramref name="From"/>, boundary <paramref name="To"/>), on a chip of type <paramref name="Type"/>.</summary>
internal readonly record struct Segment(int From, int To, int Type, ScaledCost Cost);
