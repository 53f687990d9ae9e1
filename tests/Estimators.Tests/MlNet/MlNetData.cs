using Microsoft.ML;
using Microsoft.ML.Data;
using QuiltNet.Data;

namespace QuiltNet.Estimators.Tests.MlNet;

/// <summary>
/// Fashion-MNIST images as an IDataView: a 784-float Features column and a 10-class key Label. Key members
/// of in-memory rows hold the zero-based class: ML.NET stores class c as key c + 1.
/// </summary>
internal static class MlNetData
{
    public static IDataView Load(MLContext context, SampleSet images, int size = 784)
    {
        var definition = SchemaDefinition.Create(typeof(Row));
        definition[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
        return context.Data.LoadFromEnumerable(
            Enumerable.Range(0, images.Count).Select(i => new Row { Features = images.Slice(i, 1)[..size], Label = (uint)images.Labels![i] }), definition);
    }

    public static float[][] Column(IDataView data, string name) => data.GetColumn<float[]>(name).ToArray();

    private sealed class Row
    {
        public float[] Features { get; set; } = [];

        [KeyType(10)]
        public uint Label { get; set; }
    }
}
