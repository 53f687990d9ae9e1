using Microsoft.ML;

namespace QuiltNet.Estimators.MlNet;

/// <summary>
/// A partitioned model with its bottleneck autoencoders fitted: each stage (encoder and decoder fused in)
/// runs through ML.NET's ONNX transformer, the tensors crossing each cut travel as intermediate columns
/// that are dropped at the end. Saves and loads as ML.NET's own chain.
/// </summary>
public sealed class PartitionOnnxModelTransformer : DelegatingTransformer
{
    internal PartitionOnnxModelTransformer(ITransformer inner, IReadOnlyList<string> stageFiles, IReadOnlyList<string> warnings) : base(inner)
    {
        StageFiles = stageFiles;
        Warnings = warnings;
    }

    /// <summary>The fused stage models, in pipeline order.</summary>
    public IReadOnlyList<string> StageFiles { get; }

    /// <summary>What fitting had to settle for, such as distillation stopping short of the output.</summary>
    public IReadOnlyList<string> Warnings { get; }
}
