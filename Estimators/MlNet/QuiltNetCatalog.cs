using Microsoft.ML;
using QuiltNet.Estimators.Autoencoders;

namespace QuiltNet.Estimators.MlNet;

/// <summary>QuiltNet's entry into ML.NET: <c>mlContext.Transforms.PartitionOnnxModel(...)</c> and <c>mlContext.Transforms.FitBottleneck(...)</c>.</summary>
public static class QuiltNetCatalog
{
    /// <summary>
    /// Partitions <paramref name="modelFile"/> at <paramref name="cuts"/>, each cut coded 16× smaller than its
    /// fp32 tensors (a quarter of the features at 8 bits); <c>Fit</c> trains the autoencoders by distillation.
    /// </summary>
    public static PartitionOnnxModelEstimator PartitionOnnxModel(this TransformsCatalog catalog,
        string outputColumnName, string inputColumnName, string modelFile, params int[] cuts) =>
        catalog.PartitionOnnxModel(new PartitionOnnxModelEstimator.Options
        {
            ModelFile = modelFile,
            OutputColumnName = outputColumnName,
            InputColumnName = inputColumnName,
            Cuts = cuts.Select(c => new PartitionCut(c)).ToList(),
        });

    public static PartitionOnnxModelEstimator PartitionOnnxModel(this TransformsCatalog catalog, PartitionOnnxModelEstimator.Options options) =>
        new(catalog, options);

    /// <summary>
    /// A bottleneck autoencoder on a vector column of its own: <paramref name="codeWidth"/> features
    /// (the principal components of the column, mean-centred), applied as encoder, decoder or both.
    /// </summary>
    public static FitBottleneckEstimator FitBottleneck(this TransformsCatalog catalog,
        string outputColumnName, string inputColumnName, int codeWidth, BottleneckMode mode = BottleneckMode.RoundTrip) =>
        catalog.FitBottleneck(new FitBottleneckEstimator.Options
        {
            OutputColumnName = outputColumnName,
            InputColumnName = inputColumnName,
            CodeWidth = codeWidth,
            Mode = mode,
        });

    public static FitBottleneckEstimator FitBottleneck(this TransformsCatalog catalog, FitBottleneckEstimator.Options options) =>
        new(catalog, options);
}
