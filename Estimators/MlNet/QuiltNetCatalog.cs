using Microsoft.ML;

namespace QuiltNet.Estimators.MlNet;

/// <summary>QuiltNet's entry into ML.NET: <c>mlContext.Transforms.PartitionOnnxModel(...)</c> and <c>mlContext.Transforms.FitBottleneck(...)</c>.</summary>
public static class QuiltNetCatalog
{
    /// <summary>
    /// Create a <see cref="PartitionOnnxModelEstimator"/>, which cuts <paramref name="modelFile"/> into pipeline
    /// stages at <paramref name="cuts"/>, each cut coded 16× smaller than its fp32 tensors (a quarter of the
    /// features at 8 bits); <c>Fit</c> trains each cut's autoencoder by distillation on the data it is given.
    /// </summary>
    /// <param name="catalog">The transform's catalog.</param>
    /// <param name="outputColumnName">Name of the column holding the model's output (its scores or logits).</param>
    /// <param name="inputColumnName">Name of the vector column fed to the model's input.</param>
    /// <param name="modelFile">The ONNX model to partition.</param>
    /// <param name="cuts">Cut positions, as <c>quiltnet profile</c> lists the candidates; each must be one of them.</param>
    /// <returns>An estimator whose fitted transformer runs the stages in turn and saves as ML.NET ONNX transformers.</returns>
    /// <example>
    /// <code>
    /// var estimator = context.Transforms.PartitionOnnxModel("Score", "Features", "fmnist_resnet.onnx", 15, 30);
    /// using var model = estimator.Fit(images);
    /// context.Model.Save(model, images.Schema, "partitioned.zip");
    /// </code>
    /// </example>
    public static PartitionOnnxModelEstimator PartitionOnnxModel(this TransformsCatalog catalog,
        string outputColumnName, string inputColumnName, string modelFile, params int[] cuts) =>
        catalog.PartitionOnnxModel(new PartitionOnnxModelEstimator.Options
        {
            ModelFile = modelFile,
            OutputColumnName = outputColumnName,
            InputColumnName = inputColumnName,
            Cuts = cuts.Select(c => new PartitionCut(c)).ToList(),
        });

    /// <summary>
    /// Create a <see cref="PartitionOnnxModelEstimator"/> with every setting given: each cut's ratio, bits and
    /// stride (<see cref="PartitionCut"/>), the training settings and the folders for stages and cached autoencoders.
    /// </summary>
    /// <param name="catalog">The transform's catalog.</param>
    /// <param name="options">The model, columns, cuts and training settings.</param>
    /// <returns>An estimator whose fitted transformer runs the stages in turn and saves as ML.NET ONNX transformers.</returns>
    public static PartitionOnnxModelEstimator PartitionOnnxModel(this TransformsCatalog catalog, PartitionOnnxModelEstimator.Options options) =>
        new(catalog, options);

    /// <summary>
    /// Create a <see cref="FitBottleneckEstimator"/>, which fits a bottleneck autoencoder on a vector column of
    /// its own: <paramref name="codeWidth"/> features (the principal components of the column, mean-centred),
    /// applied as encoder, decoder or both.
    /// </summary>
    /// <param name="catalog">The transform's catalog.</param>
    /// <param name="outputColumnName">Name of the column resulting from the transformation of <paramref name="inputColumnName"/>.</param>
    /// <param name="inputColumnName">Name of the vector column to transform.</param>
    /// <param name="codeWidth">Features kept in the code; at most the column's size.</param>
    /// <param name="mode">Whether the fitted bottleneck encodes, decodes or does both.</param>
    /// <returns>An estimator whose fitted transformer applies the autoencoder as an ONNX model.</returns>
    /// <example>
    /// <code>
    /// var codes = context.Transforms.FitBottleneck("Code", "Features", codeWidth: 32, BottleneckMode.Encode).Fit(data).Transform(data);
    /// </code>
    /// </example>
    public static FitBottleneckEstimator FitBottleneck(this TransformsCatalog catalog,
        string outputColumnName, string inputColumnName, int codeWidth, BottleneckMode mode = BottleneckMode.RoundTrip) =>
        catalog.FitBottleneck(new FitBottleneckEstimator.Options
        {
            OutputColumnName = outputColumnName,
            InputColumnName = inputColumnName,
            CodeWidth = codeWidth,
            Mode = mode,
        });

    /// <summary>
    /// Create a <see cref="FitBottleneckEstimator"/> with every setting given: code width and bits, mode, the
    /// column it is fitted on and the folder for the generated model.
    /// </summary>
    /// <param name="catalog">The transform's catalog.</param>
    /// <param name="options">The columns, code and fitting settings.</param>
    /// <returns>An estimator whose fitted transformer applies the autoencoder as an ONNX model.</returns>
    public static FitBottleneckEstimator FitBottleneck(this TransformsCatalog catalog, FitBottleneckEstimator.Options options) =>
        new(catalog, options);
}
