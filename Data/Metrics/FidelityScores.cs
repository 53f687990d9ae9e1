using System.Text.Json.Serialization;

namespace QuiltNet.Data.Metrics;

/// <summary>
/// A model's outputs measured against the uncompressed model's on the same samples: top-1 accuracy (null without
/// labels), top-1 agreement on the first output, and per output the mean relative L2 error and cosine similarity.
/// The uncompressed model against itself scores agreement 1 and error 0.
/// </summary>
/// <param name="Samples">How many samples were measured.</param>
/// <param name="Accuracy">Top-1 accuracy of the first output against the labels, as a fraction; null when the data has none.</param>
/// <param name="Agreement">The fraction of rows of the first output (its last axis the classes) whose top-1 class is the uncompressed model's.</param>
/// <param name="Outputs">Per model output, its relative error and cosine similarity.</param>
public sealed record FidelityScores(int Samples, double? Accuracy, double Agreement, IReadOnlyList<OutputFidelity> Outputs)
{
    /// <summary>The worst output's mean relative L2 error.</summary>
    [JsonIgnore]
    public double RelativeError => Outputs.Count == 0 ? 0 : Outputs.Max(o => o.RelativeError);

    /// <summary>The worst output's mean cosine similarity.</summary>
    [JsonIgnore]
    public double Cosine => Outputs.Count == 0 ? 1 : Outputs.Min(o => o.Cosine);
}

/// <summary>One output's fidelity: the mean over samples of ‖y − y₀‖ / ‖y₀‖ and of cos(y, y₀), y₀ the uncompressed model's.</summary>
/// <param name="Name">The output's name.</param>
/// <param name="RelativeError">The mean relative L2 error.</param>
/// <param name="Cosine">The mean cosine similarity.</param>
public sealed record OutputFidelity(string Name, double RelativeError, double Cosine);
