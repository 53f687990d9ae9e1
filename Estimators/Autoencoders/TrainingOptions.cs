namespace QuiltNet.Estimators.Autoencoders;

/// <summary>Training settings, defaults in one place.</summary>
public sealed record TrainingOptions
{
    /// <summary>How the weights are found: PCA only, or trained from PCA by reconstruction or distillation.</summary>
    public TrainingMethod Method { get; init; } = TrainingMethod.Distill;

    /// <summary>What distillation matches at the model's output: class distributions (classifiers) or every output's values.</summary>
    public DistillationLoss Loss { get; init; } = DistillationLoss.Divergence;

    /// <summary>Passes over the calibration data at fp32 (quantised codes fine-tune for a third as many more).</summary>
    public int Epochs { get; init; } = 15;

    /// <summary>Images per training step.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Adam's step size.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Seeds the shuffling, so the same settings and data give the same weights.</summary>
    public int Seed { get; init; } = 1;
}
