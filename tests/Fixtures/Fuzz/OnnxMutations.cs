using Google.Protobuf;
using Onnx;

namespace QuiltNet.Testing.Fuzz;

/// <summary>
/// Edits of a model's graph that keep it a well-formed protobuf but break what the tool relies on: dimensions,
/// names, the order of nodes, operators, attributes, element types and where weights live. Side files an edit needs
/// (external data, links) are written into <c>folder</c>, beside the model.
/// </summary>
public static class OnnxMutations
{
    private static readonly long[] BadDims = [1_000_000_000_000, -1, -7, 0, long.MaxValue, 1L << 40, int.MaxValue + 1L];

    public static string Mutate(ModelProto model, Random random, string folder)
    {
        var graph = model.Graph;
        switch (random.Next(16))
        {
            case 0:
                {
                    var value = Pick<ValueInfoProto>(random, [.. graph.Input, .. graph.Output, .. graph.ValueInfo]);
                    var dims = value?.Type?.TensorType?.Shape?.Dim;
                    if (dims is null || dims.Count == 0) return "nothing to resize";
                    long dim = BadDims[random.Next(BadDims.Length)];
                    dims[random.Next(dims.Count)] = new TensorShapeProto.Types.Dimension { DimValue = dim };
                    return $"dimension of '{value!.Name}' set to {dim}";
                }
            case 1:
                {
                    var tensor = Pick(random, graph.Initializer);
                    if (tensor is null || tensor.Dims.Count == 0) return "no initializer to resize";
                    long dim = BadDims[random.Next(BadDims.Length)];
                    tensor.Dims[random.Next(tensor.Dims.Count)] = dim;
                    return $"dimension of initializer '{tensor.Name}' set to {dim}";
                }
            case 2:
                {
                    var tensor = Pick(random, graph.Initializer);
                    if (tensor is null) return "no initializer to drop";
                    graph.Initializer.Remove(tensor);
                    return $"initializer '{tensor.Name}' dropped";
                }
            case 3:
                {
                    var node = Pick(random, graph.Node);
                    if (node is null || node.Input.Count == 0) return "no input to rename";
                    int i = random.Next(node.Input.Count);
                    node.Input[i] = $"dangling_{random.Next(1000)}";
                    return $"input {i} of node '{node.Name}' renamed to a tensor nothing produces";
                }
            case 4:
                {
                    if (graph.Node.Count < 2) return "too few nodes for a cycle";
                    int early = random.Next(graph.Node.Count - 1), late = early + 1 + random.Next(graph.Node.Count - early - 1);
                    var node = graph.Node[early];
                    if (node.Input.Count == 0 || graph.Node[late].Output.Count == 0) return "no edge for a cycle";
                    node.Input[random.Next(node.Input.Count)] = graph.Node[late].Output[0];
                    return $"node '{node.Name}' reads the output of later node '{graph.Node[late].Name}' (a cycle)";
                }
            case 5:
                {
                    if (random.Next(2) == 0 && graph.Output.Count > 0)
                    {
                        graph.Output.Add(graph.Output[0].Clone());
                        return $"graph output '{graph.Output[0].Name}' listed twice";
                    }
                    var (a, b) = (Pick(random, graph.Node), Pick(random, graph.Node));
                    if (a is null || b is null || a.Output.Count == 0 || b.Output.Count == 0) return "no outputs to duplicate";
                    b.Output[0] = a.Output[0];
                    return $"nodes '{a.Name}' and '{b.Name}' both produce '{a.Output[0]}'";
                }
            case 6:
                {
                    var node = Pick(random, graph.Node);
                    if (node is null) return "no node";
                    node.OpType = random.Next(2) == 0 ? "FrobnicateV9" : "";
                    return $"node '{node.Name}' has unknown operator '{node.OpType}'";
                }
            case 7:
                {
                    var node = Pick(random, graph.Node);
                    if (node is null) return "no node";
                    node.Domain = "com.example.unknown";
                    if (random.Next(2) == 0) model.OpsetImport.Add(new OperatorSetIdProto { Domain = node.Domain, Version = 1 });
                    return $"node '{node.Name}' moved to an unknown domain";
                }
            case 8:
                return BadAttribute(graph, random);
            case 9:
                {
                    int type = new[] { 0, 8, 9, 16, 999, -3, 7, 11 }[random.Next(8)];
                    if (random.Next(2) == 0 && Pick(random, graph.Initializer) is { } tensor)
                    {
                        tensor.DataType = type;
                        return $"initializer '{tensor.Name}' element type set to {type}";
                    }
                    var value = Pick<ValueInfoProto>(random, [.. graph.Input, .. graph.Output]);
                    if (value?.Type?.TensorType is not { } tensorType) return "no typed value";
                    tensorType.ElemType = type;
                    return $"'{value.Name}' element type set to {type}";
                }
            case 10:
                return ExternalData(graph, random, folder);
            case 11:
                {
                    model.OpsetImport.Clear();
                    if (random.Next(2) == 0) model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = random.Next(2) == 0 ? 99_999 : -1 });
                    return "opset imports replaced";
                }
            case 12:
                {
                    var tensor = Pick(random, graph.Initializer);
                    if (tensor is null) return "no initializer";
                    tensor.RawData = tensor.RawData.Length > 4 ? ByteString.CopyFrom(tensor.RawData.Span[..(tensor.RawData.Length / 2)]) : ByteString.Empty;
                    tensor.FloatData.Clear();
                    return $"initializer '{tensor.Name}' holds half its data";
                }
            case 13:
                {
                    if (random.Next(2) == 0)
                    {
                        graph.Node.Clear();
                        return "every node removed";
                    }
                    graph.Input.Clear();
                    return "every graph input removed";
                }
            case 14:
                {
                    var node = Pick(random, graph.Node);
                    if (node is null) return "no node";
                    if (random.Next(2) == 0) node.Output.Clear();
                    else node.Input.Clear();
                    return $"node '{node.Name}' lost its {(node.Output.Count == 0 ? "outputs" : "inputs")}";
                }
            default:
                {
                    var output = Pick(random, graph.Output);
                    if (output is null) return "no output";
                    output.Name = random.Next(2) == 0 ? "not_produced" : graph.Input.FirstOrDefault()?.Name ?? "";
                    return $"graph output renamed to '{output.Name}'";
                }
        }
    }

    private static string BadAttribute(GraphProto graph, Random random)
    {
        var node = Pick(random, graph.Node.Where(n => n.Attribute.Count > 0).ToList());
        if (node is null) return "no attribute";
        var attribute = node.Attribute[random.Next(node.Attribute.Count)];
        switch (random.Next(5))
        {
            case 0:
                node.Attribute.Remove(attribute);
                return $"attribute '{attribute.Name}' of '{node.Name}' removed";
            case 1:
                attribute.Ints.Clear();
                attribute.Ints.AddRange(Enumerable.Repeat(BadDims[random.Next(BadDims.Length)], 1 + random.Next(4)));
                attribute.Type = AttributeProto.Types.AttributeType.Ints;
                return $"attribute '{attribute.Name}' of '{node.Name}' set to bad integers";
            case 2:
                attribute.I = BadDims[random.Next(BadDims.Length)];
                attribute.Type = AttributeProto.Types.AttributeType.Int;
                attribute.Ints.Clear();
                return $"attribute '{attribute.Name}' of '{node.Name}' set to {attribute.I}";
            case 3:
                attribute.Type = AttributeProto.Types.AttributeType.String;
                attribute.S = ByteString.CopyFromUtf8("bogus");
                return $"attribute '{attribute.Name}' of '{node.Name}' became a string";
            default:
                attribute.F = float.NaN;
                attribute.Type = AttributeProto.Types.AttributeType.Float;
                return $"attribute '{attribute.Name}' of '{node.Name}' became NaN";
        }
    }

    /// <summary>An initializer moved to an external file that is missing, hostile, a link out of the folder, or too short.</summary>
    private static string ExternalData(GraphProto graph, Random random, string folder)
    {
        var tensor = Pick(random, graph.Initializer);
        if (tensor is null) return "no initializer";
        byte[] raw = tensor.RawData.ToByteArray();
        tensor.RawData = ByteString.Empty;
        tensor.FloatData.Clear();
        tensor.DataLocation = TensorProto.Types.DataLocation.External;
        string location, offset = "0", length = raw.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (random.Next(9))
        {
            case 0: location = "missing.bin"; break;
            case 1: location = "../../etc/passwd"; break;
            case 2: location = "/etc/passwd"; break;
            case 3: location = "/dev/zero"; length = "1000000000000"; break;
            case 4:
                location = "link.bin";
                File.CreateSymbolicLink(Path.Combine(folder, location), "/etc/hostname");
                break;
            case 5:
                location = "weights.bin";
                File.WriteAllBytes(Path.Combine(folder, location), raw);
                (offset, length) = new[] { ("-8", length), ("0", "-1"), ("x", length), (long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), "8"), ("8", long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)) }[random.Next(5)];
                break;
            case 6:
                location = "weights.bin";
                File.WriteAllBytes(Path.Combine(folder, location), raw[..(raw.Length / 2)]);
                break;
            case 7:
                location = "weights.bin";
                File.WriteAllBytes(Path.Combine(folder, location), raw);
                Directory.CreateDirectory(Path.Combine(folder, "sub"));
                location = "sub/../weights.bin";
                break;
            default:
                location = "";
                break;
        }
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset });
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = length });
        return $"initializer '{tensor.Name}' external at '{location}' (offset {offset}, length {length})";
    }

    private static T? Pick<T>(Random random, IList<T> items) where T : class => items.Count == 0 ? null : items[random.Next(items.Count)];
}
