using Onnx;
using QuiltNet.Graph.Opsets;

namespace QuiltNet.Graph.Bottlenecks;

/// <summary>
/// Emits a fitted autoencoder as ONNX nodes: the encoder appended to the stage that produces the tensor
/// (whose output becomes the code), the decoder prepended to the stage that consumes it (whose input
/// becomes the code). The code is what the link carries: fp32, fp16, or uint8 levels for 8- and 4-bit codes.
/// Every node is in the form the stage's default-domain opset accepts (opset 9 and up): per-feature
/// QuantizeLinear/DequantizeLinear from opset 13, the same affine arithmetic spelt out before it.
/// </summary>
public static class BottleneckEmitter
{
    /// <summary>The code's name names the cut too: a tensor that crosses several cuts is coded at each.</summary>
    public static string CodeName(string tensor, int cut) => $"{tensor}::code@{cut}";

    /// <summary>Appends the encoder of <paramref name="w"/> to a stage whose output is the coded tensor; that output becomes the code (named by <see cref="CodeName"/>).</summary>
    /// <param name="stage">The producing stage, changed in place.</param>
    /// <param name="w">The fitted autoencoder; its tensor must be an output of <paramref name="stage"/>.</param>
    /// <param name="cut">The cut position, which names the code.</param>
    public static void AppendEncoder(ModelProto stage, BottleneckWeights w, int cut)
    {
        var graph = stage.Graph;
        int index = IndexOf(graph.Output, w.Tensor, "output");
        var emit = new NodeEmitter(graph, $"{w.Tensor}::encoder@{cut}", OpsetForms.Of(stage));
        string code = Encode(emit, w, w.Tensor);
        var (codeType, output) = w.Option.Bits switch
        {
            32 => (ElementType.Float, code),
            16 => (ElementType.Float16, emit.Node("Cast", [code], Int("to", (int)ElementType.Float16))),
            _ => (ElementType.UInt8, Quantize(emit, w, code)),
        };
        emit.Rename(output, CodeName(w.Tensor, cut));
        graph.Output[index] = CodeInfo(graph.Output[index], w, codeType, cut);
    }

    /// <summary>Prepends the decoder of <paramref name="w"/> to a stage whose input is the coded tensor; that input becomes the code (named by <see cref="CodeName"/>).</summary>
    /// <param name="stage">The consuming stage, changed in place.</param>
    /// <param name="w">The fitted autoencoder; its tensor must be an input of <paramref name="stage"/>.</param>
    /// <param name="cut">The cut position, which names the code.</param>
    public static void PrependDecoder(ModelProto stage, BottleneckWeights w, int cut)
    {
        var graph = stage.Graph;
        int index = IndexOf(graph.Input, w.Tensor, "input");
        graph.Input[index] = CodeInfo(graph.Input[index], w, w.Option.Bits switch { 32 => ElementType.Float, 16 => ElementType.Float16, _ => ElementType.UInt8 }, cut);
        var emit = new NodeEmitter(graph, $"{w.Tensor}::decoder@{cut}", OpsetForms.Of(stage), prepend: true);
        string code = CodeName(w.Tensor, cut);
        code = w.Option.Bits switch
        {
            32 => code,
            16 => emit.Node("Cast", [code], Int("to", (int)ElementType.Float)),
            _ => Dequantize(emit, w, code),
        };
        emit.Rename(Decode(emit, w, code), w.Tensor);
    }

    /// <summary>
    /// For training: the graph input <c>w.Tensor</c> passes through encoder and decoder before the rest of
    /// the graph reads it; the four weights become graph inputs, so one run can return their gradients.
    /// Codes of fewer than 32 bits get a quantisation residual added as one more input: fed as
    /// Q(code) − code it makes the forward pass see quantised codes while the gradient passes straight
    /// through (the straight-through estimator). Returns the names of those inputs.
    /// </summary>
    /// <param name="model">The graph that reads the tensor, changed in place.</param>
    /// <param name="w">The autoencoder; its tensor must be an input of <paramref name="model"/>.</param>
    public static TrainableWeights PrependRoundTrip(ModelProto model, BottleneckWeights w)
    {
        var graph = model.Graph;
        int index = IndexOf(graph.Input, w.Tensor, "input");
        var input = graph.Input[index].Clone();
        input.Name = w.Tensor + "::source";
        graph.Input[index] = input;
        var emit = new NodeEmitter(graph, $"{w.Tensor}::autoencoder", OpsetForms.Of(model), prepend: true, trainable: true);
        string code = Encode(emit, w, input.Name);
        string? residual = null;
        if (w.Option.Bits < 32)
        {
            var info = CodeInfo(input, w, ElementType.Float, cut: 0);
            info.Name = residual = emit.TrainableName("quantization_residual");
            graph.Input.Add(info);
            code = emit.Node("Add", [code, residual]);
        }
        emit.Rename(Decode(emit, w, code), w.Tensor);
        return new TrainableWeights(input.Name, emit.TrainableName("encoder_w"), emit.TrainableName("encoder_b"), emit.TrainableName("decoder_w"), emit.TrainableName("decoder_b"), residual);
    }

    private static string Encode(NodeEmitter emit, BottleneckWeights w, string input)
    {
        string weight = emit.Weight("encoder_w", w.EncoderWeight, w.Axis == FeatureAxis.Channels ? [w.CodeWidth, w.Channels, 1, 1] : [w.CodeWidth, w.Channels]);
        string bias = emit.Weight("encoder_b", w.EncoderBias, w.CodeWidth);
        string code = w.Axis == FeatureAxis.Channels
            ? emit.Node("Conv", [input, weight, bias])
            : emit.Node("Add", [emit.Node("MatMul", [input, emit.Node("Transpose", [weight], Ints("perm", 1, 0))]), bias]);
        return w.Option.Stride == 2 ? emit.Node("AveragePool", [code], Ints("kernel_shape", 2, 2), Ints("strides", 2, 2)) : code;
    }

    private static string Decode(NodeEmitter emit, BottleneckWeights w, string code)
    {
        if (w.Option.Stride == 2)
            code = emit.Node("Resize", [code], node => OpsetForms.SetNearestResize(node, emit.Constant("scales", [1, 1, 2, 2], 4), emit.Opset, emit));
        string weight = emit.Weight("decoder_w", w.DecoderWeight, w.Axis == FeatureAxis.Channels ? [w.Channels, w.CodeWidth, 1, 1] : [w.Channels, w.CodeWidth]);
        string bias = emit.Weight("decoder_b", w.DecoderBias, w.Channels);
        string decoded = w.Axis == FeatureAxis.Channels
            ? emit.Node("Conv", [code, weight, bias])
            : emit.Node("Add", [emit.Node("MatMul", [code, emit.Node("Transpose", [weight], Ints("perm", 1, 0))]), bias]);
        return w.ReluOutput ? emit.Node("Relu", [decoded]) : decoded;
    }

    /// <summary>Clips each feature to its calibrated range, then maps it onto 2^bits levels of uint8.</summary>
    private static string Quantize(NodeEmitter emit, BottleneckWeights w, string code)
    {
        if (w.CodeMin is null || w.CodeMax is null)
            throw new ArgumentException($"{w.Option.Bits}-bit code of '{w.Tensor}' needs a calibrated range");
        long[] shape = w.Axis == FeatureAxis.Channels ? [w.CodeWidth, 1, 1] : [w.CodeWidth];
        string clipped = emit.Node("Min", [emit.Node("Max", [code, emit.Constant("lo", w.CodeMin, shape)]), emit.Constant("hi", w.CodeMax, shape)]);
        if (emit.Opset >= OpsetForms.PerAxisQuantization)
            return emit.Node("QuantizeLinear", [clipped, emit.Constant("scale", Scales(w), w.CodeWidth), emit.Bytes("zero", ZeroPoints(w))], Int("axis", Axis(w)));
        // floor(x / scale + zero + ½), kept within the levels, is QuantizeLinear's rounding but at exact ties.
        int levels = (1 << w.Option.Bits) - 1;
        string shifted = emit.Node("Add", [emit.Node("Div", [clipped, emit.Constant("scale", Scales(w), shape)]), emit.Constant("zero_half", ZeroPoints(w).Select(z => z + 0.5f).ToArray(), shape)]);
        string level = emit.Node("Min", [emit.Node("Max", [emit.Node("Floor", [shifted]), emit.Constant("level_lo", [0], [])]), emit.Constant("level_hi", [levels], [])]);
        return emit.Node("Cast", [level], Int("to", (int)ElementType.UInt8));
    }

    /// <summary>uint8 levels back to values: (level − zero) · scale per feature.</summary>
    private static string Dequantize(NodeEmitter emit, BottleneckWeights w, string code)
    {
        if (emit.Opset >= OpsetForms.PerAxisQuantization)
            return emit.Node("DequantizeLinear", [code, emit.Constant("scale", Scales(w), w.CodeWidth), emit.Bytes("zero", ZeroPoints(w))], Int("axis", Axis(w)));
        long[] shape = w.Axis == FeatureAxis.Channels ? [w.CodeWidth, 1, 1] : [w.CodeWidth];
        string levels = emit.Node("Cast", [code], Int("to", (int)ElementType.Float));
        string centred = emit.Node("Sub", [levels, emit.Constant("zero", ZeroPoints(w).Select(z => (float)z).ToArray(), shape)]);
        return emit.Node("Mul", [centred, emit.Constant("scale", Scales(w), shape)]);
    }

    private static float[] Scales(BottleneckWeights w)
    {
        int levels = (1 << w.Option.Bits) - 1;
        return Enumerable.Range(0, w.CodeWidth).Select(i => Math.Max(w.CodeMax![i] - w.CodeMin![i], 1e-8f) / levels).ToArray();
    }

    private static byte[] ZeroPoints(BottleneckWeights w)
    {
        var scales = Scales(w);
        int levels = (1 << w.Option.Bits) - 1;
        return Enumerable.Range(0, w.CodeWidth).Select(i => (byte)Math.Clamp(MathF.Round(-w.CodeMin![i] / scales[i]), 0, levels)).ToArray();
    }

    private static int Axis(BottleneckWeights w) => w.Axis == FeatureAxis.Channels ? 1 : -1;

    private static ValueInfoProto CodeInfo(ValueInfoProto original, BottleneckWeights w, ElementType type, int cut)
    {
        var info = original.Clone();
        info.Name = CodeName(w.Tensor, cut);
        var tensorType = info.Type.TensorType;
        tensorType.ElemType = (int)type;
        if (tensorType.Shape is { } shape && shape.Dim.Count > 0)
        {
            int axis = FeatureAxes.Index(w.Axis, shape.Dim.Count);
            shape.Dim[axis] = new TensorShapeProto.Types.Dimension { DimValue = w.CodeWidth };
            if (w.Option.Stride == 2)
                for (int d = 2; d < shape.Dim.Count; d++)
                    if (shape.Dim[d].ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue)
                        shape.Dim[d] = new TensorShapeProto.Types.Dimension { DimValue = shape.Dim[d].DimValue / 2 };
        }
        return info;
    }

    private static int IndexOf(IList<ValueInfoProto> list, string name, string what)
    {
        for (int i = 0; i < list.Count; i++)
            if (list[i].Name == name) return i;
        throw new ArgumentException($"the stage has no {what} '{name}'");
    }

    private static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }
}
