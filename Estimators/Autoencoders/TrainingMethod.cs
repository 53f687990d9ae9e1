namespace QuiltNet.Estimators.Autoencoders;

/// <summary>How an autoencoder's weights are found.</summary>
public enum TrainingMethod
{
    /// <summary>Closed-form principal components only.</summary>
    Pca,

    /// <summary>From PCA, trained to reconstruct the frontier tensor (mean squared error).</summary>
    Mse,

    /// <summary>From PCA, trained so the partitioned model's output matches the original's (KL divergence on logits).</summary>
    Distill,
}
