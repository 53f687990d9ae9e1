namespace QuiltNet.Estimators.Autoencoders;

/// <summary>What distillation minimises when the gradient reaches the model's output.</summary>
public enum DistillationLoss
{
    /// <summary>KL divergence of the first output's class distribution (its last axis) from the original's: for classifiers.</summary>
    Divergence,

    /// <summary>Mean squared error of every output against the original's: for any model (maps, embeddings, regressions).</summary>
    SquaredError,
}
