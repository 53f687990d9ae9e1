using Microsoft.ML;
using Microsoft.ML.Data;

namespace QuiltNet.Estimators.MlNet;

/// <summary>
/// Adds the arg-max class of a score vector as the key column ML.NET's multiclass evaluator reads
/// (<c>PredictedLabel</c>), for scored data from an ONNX model, which yields scores only. For evaluation:
/// it is a custom mapping, so keep it out of models you save (they would need this assembly to load).
/// </summary>
public static class PredictedLabels
{
    /// <summary>Adds to <paramref name="scored"/> the arg-max of its scores as a key column of <paramref name="classes"/> values.</summary>
    /// <param name="context">The ML.NET context.</param>
    /// <param name="scored">Data with a score vector column.</param>
    /// <param name="classes">The number of classes (the key's count).</param>
    /// <param name="scoreColumnName">The score vector column.</param>
    /// <param name="predictedLabelColumnName">The key column to add.</param>
    public static IDataView Add(MLContext context, IDataView scored, int classes, string scoreColumnName = "Score", string predictedLabelColumnName = "PredictedLabel")
    {
        var input = SchemaDefinition.Create(typeof(ScoreRow));
        input[nameof(ScoreRow.Score)].ColumnName = scoreColumnName;
        input[scoreColumnName].ColumnType = new VectorDataViewType(NumberDataViewType.Single, classes);
        var output = SchemaDefinition.Create(typeof(PredictionRow));
        output[nameof(PredictionRow.PredictedLabel)].ColumnName = predictedLabelColumnName;
        output[predictedLabelColumnName].ColumnType = new KeyDataViewType(typeof(uint), classes);
        // Keys are one-based (zero means missing): class c is key c + 1.
        return context.Transforms.CustomMapping<ScoreRow, PredictionRow>(
                (s, p) => p.PredictedLabel = (uint)Array.IndexOf(s.Score, s.Score.Max()) + 1, contractName: null, input, output)
            .Fit(scored).Transform(scored);
    }

    private sealed class ScoreRow
    {
        public float[] Score { get; set; } = [];
    }

    private sealed class PredictionRow
    {
        public uint PredictedLabel { get; set; }
    }
}
