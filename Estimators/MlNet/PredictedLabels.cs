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
