namespace QuiltNet.Estimators.Autoencoders;

/// <summary>Training settings, defaults in one place.</summary>
public sealed record TrainingOptions
{
    public TrainingMethod Method { get; init; } = TrainingMethod.Distill;

    public int Epochs { get; init; } = 15;

    public int BatchSize { get; init; } = 100;

    public double LearningRate { get; init; } = 1e-3;

    public int Seed { get; init; } = 1;
}
