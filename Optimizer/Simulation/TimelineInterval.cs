namespace QuiltNet.Optimizer.Simulation;

/// <summary>Input <see cref="Item"/> occupying resource <see cref="Resource"/> (index into the pipeline) from start to end.</summary>
public readonly record struct TimelineInterval(int Resource, int Item, double StartSeconds, double EndSeconds);
