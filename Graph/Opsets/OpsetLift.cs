using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using QuiltNet.Graph.Backward;

namespace QuiltNet.Graph.Opsets;

/// <summary>
/// Lifts a model to a newer default-domain opset, as ONNX's operator changes allow: each node whose
/// signature changed on the way (axes, splits, bounds and pads moving from attributes to inputs,
/// Upsample becoming Resize, Softmax's axis meaning one axis) is rewritten in the newer form. Tensor
/// names, node names and node order stay as they were (only constants are added), so positions, cuts and
/// shapes found on the original hold for the lifted model.
/// </summary>
internal static class OpsetLift
{
    /// <summary>How far a lifted model's outputs may stray from the original's: float rounding, relative to the value.</summary>
    private const double Tolerance = 1e-4;

    /// <summary>
    /// <paramref name="graph"/> lifted to <paramref name="target"/> and checked: both run on the same seeded inputs
    /// (shapes as bound in <paramref name="shapes"/>) and every output must agree; <paramref name="graph"/> itself when
    /// it is already there.
    /// </summary>
    /// <exception cref="QuiltNetException">A node has no form at the target, ONNX Runtime rejects the lifted model, or its outputs differ.</exception>
    public static OnnxGraph Verified(OnnxGraph graph, long target, TensorShapes shapes)
    {
        long from = graph.OpsetVersion;
        if (from >= target) return graph;
        var lifted = Lift(graph.Model, target, shapes, graph.Path);
        var random = new Random(9);
        var feeds = shapes.Inputs.ToDictionary(i => i.Name, i => HostTensor.Sample(i.ElementType, [.. i.Shape], random));
        var expected = Run(graph.Model.ToByteArray(), feeds, graph.Path, $"the opset-{from} model");
        var actual = Run(lifted.ToByteArray(), feeds, graph.Path, $"its lift to opset {target}");
        foreach (var (name, tensor) in expected)
        {
            double[] a = tensor.AsDoubles(), b = actual[name].AsDoubles();
            for (int i = 0; i < a.Length; i++)
                if (!(Math.Abs(a[i] - b[i]) <= Tolerance * (1 + Math.Abs(a[i]))))
                    throw new QuiltNetException(graph.Path, $"lifting opset {from} to {target} changes output '{name}' ({a[i]} against {b[i]} at element {i})");
        }
        return OnnxGraph.FromModel(lifted, graph.Path);
    }

    /// <summary>A copy of <paramref name="model"/> at opset <paramref name="target"/>, every node in that opset's form.</summary>
    /// <param name="shapes">Shapes of the model's tensors: Softmax's old axis has a one-axis form only when the axes it flattens after it are all 1.</param>
    /// <param name="source">Names the model in errors.</param>
    /// <param name="model">The model, not changed.</param>
    /// <param name="target">The opset to lift to.</param>
    public static ModelProto Lift(ModelProto model, long target, TensorShapes shapes, string source)
    {
        var copy = model.Clone();
        var opset = copy.OpsetImport.First(o => o.Domain is "" or "ai.onnx");
        long from = opset.Version;
        if (from >= target) return copy;
        LiftGraph(copy.Graph, from, target, shapes, source);
        opset.Version = target;
        copy.IrVersion = Math.Max(copy.IrVersion, target >= 15 ? 8 : 7);
        return copy;
    }

    private static void LiftGraph(GraphProto graph, long from, long target, TensorShapes shapes, string source)
    {
        var constants = new InitializerConstants(graph, "quiltnet::lift");
        foreach (var node in graph.Node)
        {
            foreach (var attribute in node.Attribute)
            {
                if (attribute.G is { } body) LiftGraph(body, from, target, shapes, source);
                foreach (var branch in attribute.Graphs) LiftGraph(branch, from, target, shapes, source);
            }
            if (node.Domain is "" or "ai.onnx")
                LiftNode(node, from, target, shapes, constants, source);
        }
    }

    private static void LiftNode(NodeProto node, long from, long target, TensorShapes shapes, IConstants constants, string source)
    {
        string op = node.OpType;
        if (OpsetForms.HasListArgument(op) && !OpsetForms.ListIsInput(op, from) && OpsetForms.ListIsInput(op, target))
        {
            string name = op == "Split" ? "split" : "axes";
            if (Take(node, name) is { } values)
                OpsetForms.SetList(node, name, values.Ints.ToArray(), target, constants);
            else if (op == "Split" && target >= 18)
                node.Attribute.Add(Attr.Int("num_outputs", node.Output.Count));
            return;
        }
        switch (op)
        {
            case "Slice" when from < 10:
                OpsetForms.SetSlice(node, Take(node, "starts")!.Ints.ToArray(), Take(node, "ends")!.Ints.ToArray(), Take(node, "axes")?.Ints.ToArray(), target, constants);
                break;
            case "Clip" when from < 11:
                RequireFloat(node, shapes, source);
                OpsetForms.SetClip(node, Take(node, "min")?.F, Take(node, "max")?.F, target, constants);
                break;
            case "Pad" when from < 11:
                RequireFloat(node, shapes, source);
                OpsetForms.SetPad(node, Take(node, "pads")!.Ints.ToArray(), Take(node, "value")?.F ?? 0f, target, constants);
                break;
            case "Upsample":
            case "Resize" when from < 11:
                LiftUpsample(node, from, target, constants, source);
                break;
            case "Dropout" when from < 12:
                Take(node, "ratio");
                if (node.Output.Count > 1 && node.Output[1].Length > 0)
                    throw new QuiltNetException(source, $"node '{node.Name}': Dropout's mask output has no opset-{target} form here");
                node.OpType = "Identity";
                while (node.Output.Count > 1) node.Output.RemoveAt(node.Output.Count - 1);
                break;
            case "Softmax" or "LogSoftmax" or "Hardmax" when from < 13:
                LiftSoftmax(node, shapes, target, source);
                break;
            case "TopK" when from < 10:
                node.Input.Add(constants.Int64s([Take(node, "k")!.I]));
                break;
            case "Scatter":
                node.OpType = "ScatterElements";
                break;
        }
    }

    /// <summary>Upsample (any opset) and Resize-10 become Resize with asymmetric coordinates, which is what they computed.</summary>
    private static void LiftUpsample(NodeProto node, long from, long target, IConstants constants, string source)
    {
        string mode = Take(node, "mode")?.S.ToStringUtf8() ?? "nearest";
        string scales = node.Input.Count > 1 ? node.Input[1]
            : Take(node, "scales") is { } listed ? constants.Floats(listed.Floats.ToArray(), [listed.Floats.Count])
            : throw new QuiltNetException(source, $"node '{node.Name}': {node.OpType} without scales");
        while (node.Input.Count > 1) node.Input.RemoveAt(node.Input.Count - 1);
        if (mode == "nearest")
        {
            OpsetForms.SetNearestResize(node, scales, target, constants);
            return;
        }
        if (mode is not ("linear" or "bilinear"))
            throw new QuiltNetException(source, $"node '{node.Name}': {node.OpType} mode \"{mode}\" has no opset-{target} form here");
        node.OpType = "Resize";
        node.Input.Add(target >= 13 ? "" : constants.Floats([], [0]));
        node.Input.Add(scales);
        node.Attribute.Add(Attr.String("mode", "linear"));
        node.Attribute.Add(Attr.String("coordinate_transformation_mode", "asymmetric"));
    }

    /// <summary>
    /// Before opset 13, Softmax normalised over all axes from <c>axis</c> (default 1) on; from 13 over that axis alone.
    /// The two agree when every axis after it has size 1.
    /// </summary>
    private static void LiftSoftmax(NodeProto node, TensorShapes shapes, long target, string source)
    {
        long axis = Take(node, "axis")?.I ?? 1;
        var shape = shapes.Find(node.Input[0])?.Shape
            ?? throw new QuiltNetException(source, $"node '{node.Name}': the shape of '{node.Input[0]}' is unknown, so {node.OpType}'s old axis cannot be lifted");
        long normalised = axis < 0 ? axis + shape.Count : axis;
        if (shape.Skip((int)normalised + 1).Any(d => d != 1))
            throw new QuiltNetException(source, $"node '{node.Name}': {node.OpType} over the flattened axes {normalised}.. of a {string.Join('x', shape)} tensor has no opset-{target} form here");
        node.Attribute.Add(Attr.Int("axis", normalised));
    }

    private static void RequireFloat(NodeProto node, TensorShapes shapes, string source)
    {
        var type = shapes.Find(node.Input[0])?.ElementType ?? ElementType.Float;
        if (type != ElementType.Float)
            throw new QuiltNetException(source, $"node '{node.Name}': {node.OpType} on {type.OnnxName()} has no lifted form here (float only)");
    }

    /// <summary>Removes and returns attribute <paramref name="name"/>; null when absent.</summary>
    private static AttributeProto? Take(NodeProto node, string name)
    {
        var attribute = node.Attribute.FirstOrDefault(a => a.Name == name);
        if (attribute is not null) node.Attribute.Remove(attribute);
        return attribute;
    }

    private static Dictionary<string, HostTensor> Run(byte[] model, Dictionary<string, HostTensor> feeds, string source, string what)
    {
        try
        {
            using var runner = new OnnxRunner(OrtSessions.Open(model));
            return runner.Run(feeds);
        }
        catch (OnnxRuntimeException e)
        {
            throw new QuiltNetException(source, $"ONNX Runtime cannot run {what}: {e.Message.Split('\n')[0]}", e);
        }
    }
}
