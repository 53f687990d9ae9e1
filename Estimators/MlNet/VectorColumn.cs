using Microsoft.ML;
using Microsoft.ML.Data;
using QuiltNet.Graph;

namespace QuiltNet.Estimators.MlNet;

/// <summary>Reads a known-size float vector column into one flat array, after checking it is one.</summary>
internal static class VectorColumn
{
    /// <summary>The number of floats per row of a known-size float vector column.</summary>
    public static int Size(DataViewSchema schema, string name)
    {
        var column = schema.GetColumnOrNull(name)
            ?? throw new QuiltNetException($"column '{name}'", $"not in the data (columns: {string.Join(", ", schema.Select(c => c.Name))})");
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType t, Size: > 0 } vector || t.RawType != typeof(float))
            throw new QuiltNetException($"column '{name}'", $"is {column.Type}; expected a known-size vector of floats");
        return vector.Size;
    }

    public static float[] Read(IDataView data, string name, long size, int limit, out int rows)
    {
        if (Size(data.Schema, name) != size)
            throw new QuiltNetException($"column '{name}'", $"has {Size(data.Schema, name)} floats per row; the model takes {size}");
        var column = data.Schema[name];

        var values = new List<float>();
        rows = 0;
        using var cursor = data.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> buffer = default;
        while (rows < limit && cursor.MoveNext())
        {
            getter(ref buffer);
            values.AddRange(buffer.DenseValues());
            rows++;
        }
        if (rows == 0) throw new QuiltNetException($"column '{name}'", "the data set is empty");
        if (values.Any(v => !float.IsFinite(v))) throw new QuiltNetException($"column '{name}'", "contains NaN or infinity");
        return [.. values];
    }
}
