using Onnx;
using QuiltNet.Tests;

namespace QuiltNet.Graph.Tests.Backward;

/// <summary>
/// A small forward model for gradient checks together with the values its inputs are fed: every
/// differentiable tensor is a graph input, so tests choose its values (and can ask for its gradient).
/// </summary>
internal sealed class OpModel
{
    private readonly ModelBuilder _builder = new();
    private readonly Dictionary<string, HostTensor> _values = [];
    private readonly List<TensorProto> _constants = [];

    public IReadOnlyDictionary<string, HostTensor> Values => _values;

    /// <param name="declared">The declared shape when it differs from the fed one (-1 for a dynamic dimension).</param>
    public OpModel Input(string name, HostTensor value, long[]? declared = null)
    {
        _builder.Input(name, declared ?? value.Shape);
        _values[name] = value;
        return this;
    }

    public OpModel Int64s(string name, params long[] values)
    {
        _builder.Int64s(name, values);
        return this;
    }

    /// <summary>A frozen float initializer holding <paramref name="value"/>.</summary>
    public OpModel Constant(string name, HostTensor value)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)ElementType.Float };
        tensor.Dims.AddRange(value.Shape);
        tensor.FloatData.AddRange((float[])value.Data);
        _constants.Add(tensor);
        return this;
    }

    public OpModel Node(string op, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        _builder.Node(op, inputs, outputs, "", attributes);
        return this;
    }

    public OpModel Output(string name)
    {
        _builder.Output(name);
        return this;
    }

    /// <summary>The model, with output shapes left to ONNX Runtime to infer.</summary>
    public ModelProto Build(long opset = 17)
    {
        var model = _builder.Build();
        model.Graph.Initializer.AddRange(_constants);
        model.OpsetImport[0].Version = opset;
        if (opset >= 20)
            model.IrVersion = 9;
        foreach (var output in model.Graph.Output)
            output.Type.TensorType.Shape = null;
        return model;
    }
}
