using Google.Protobuf;
using Onnx;

using QuiltNet.Graph;

namespace QuiltNet.Tests;

/// <summary>Builds small ONNX models by hand, so a test states exactly what a graph holds.</summary>
internal sealed class ModelBuilder
{
    private readonly GraphProto _graph = new() { Name = "test" };
    private readonly Random _random = new(5);

    public ModelBuilder Input(string name, params long[] shape) => Add(_graph.Input, name, ElementType.Float, shape);

    public ModelBuilder Output(string name, params long[] shape) => Add(_graph.Output, name, ElementType.Float, shape);

    /// <summary>Declares a shape in value_info (what exporters annotate).</summary>
    public ModelBuilder ValueInfo(string name, params long[] shape) => Add(_graph.ValueInfo, name, ElementType.Float, shape);

    public ModelBuilder Weight(string name, params long[] shape)
    {
        long count = shape.Aggregate(1L, (p, d) => p * d);
        var values = Enumerable.Range(0, (int)count).Select(_ => (_random.NextSingle() - 0.5f) * 0.2f).ToArray();
        var tensor = new TensorProto { Name = name, DataType = (int)ElementType.Float, RawData = ByteString.CopyFrom(values.SelectMany(BitConverter.GetBytes).ToArray()) };
        tensor.Dims.AddRange(shape);
        _graph.Initializer.Add(tensor);
        return this;
    }

    public ModelBuilder Int64s(string name, params long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)ElementType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        _graph.Initializer.Add(tensor);
        return this;
    }

    public ModelBuilder Node(string op, string[] inputs, string[] outputs, string domain = "", params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = outputs[0] + "_node", Domain = domain };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return this;
    }

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public ModelProto Build(params (string Domain, long Version)[] extraOpsets)
    {
        var model = new ModelProto { IrVersion = 8, Graph = _graph.Clone(), ProducerName = "quiltnet-tests" };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        foreach (var (domain, version) in extraOpsets)
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = domain, Version = version });
        return model;
    }

    public string Save(string path, params (string Domain, long Version)[] extraOpsets)
    {
        File.WriteAllBytes(path, Build(extraOpsets).ToByteArray());
        return path;
    }

    private ModelBuilder Add(Google.Protobuf.Collections.RepeatedField<ValueInfoProto> list, string name, ElementType type, long[] shape)
    {
        var tensorShape = new TensorShapeProto();
        foreach (long dim in shape)
            tensorShape.Dim.Add(dim < 0 ? new TensorShapeProto.Types.Dimension { DimParam = "N" } : new TensorShapeProto.Types.Dimension { DimValue = dim });
        list.Add(new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = tensorShape } } });
        return this;
    }
}
