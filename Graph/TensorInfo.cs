using System.Text.Json.Serialization;
using Onnx;

namespace QuiltNet.Graph;

/// <summary>
/// A tensor's name, element type and shape as bound for profiling. <see cref="SymbolicDims"/> names the
/// dimensions that follow a dynamic model input (null where the dimension is fixed), so extracted stages
/// keep them dynamic.
/// </summary>
public sealed record TensorInfo(string Name, ElementType ElementType, IReadOnlyList<long> Shape)
{
    /// <summary>Per dimension, the symbolic name it follows, or null where the dimension is fixed.</summary>
    [JsonIgnore]
    public IReadOnlyList<string?> SymbolicDims { get; init; } = [];

    /// <summary>Elements in the tensor (the product of <see cref="Shape"/>).</summary>
    public long Elements => Shape.Aggregate(1L, (product, dim) => product * dim);

    /// <summary>Bytes the tensor takes at its element type.</summary>
    public long Bytes => ElementType.Bytes(Elements);

    /// <summary>The ONNX declaration of this tensor: element type and shape, dynamic dimensions by their symbol.</summary>
    public ValueInfoProto ToValueInfo()
    {
        var shape = new TensorShapeProto();
        for (int i = 0; i < Shape.Count; i++)
            shape.Dim.Add(SymbolicDims.ElementAtOrDefault(i) is { } symbol
                ? new TensorShapeProto.Types.Dimension { DimParam = symbol }
                : new TensorShapeProto.Types.Dimension { DimValue = Shape[i] });
        return new ValueInfoProto
        {
            Name = Name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)ElementType, Shape = shape } },
        };
    }

    /// <summary>The shape written the way the CLI takes it: 1x64x14x14.</summary>
    public string ShapeText => Shape.Count == 0 ? "scalar" : string.Join('x', Shape);
}
