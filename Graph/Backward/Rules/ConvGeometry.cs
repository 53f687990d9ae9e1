using Onnx;

namespace QuiltNet.Graph.Backward.Rules;

/// <summary>
/// The sliding-window geometry of a Conv, ConvTranspose or pooling node with every default and
/// auto_pad resolved to explicit begin and end pads, and the arithmetic that makes a transposed
/// window operation land exactly on the original spatial size.
/// </summary>
internal sealed record ConvGeometry(long[] Kernel, long[] Strides, long[] Dilations, long[] PadsBegin, long[] PadsEnd)
{
    public IEnumerable<long> Pads => PadsBegin.Concat(PadsEnd);

    /// <summary>Span of the dilated kernel along spatial axis <paramref name="i"/>.</summary>
    public long Extent(int i) => (Kernel[i] - 1) * Dilations[i] + 1;

    /// <param name="inputSpatial">Spatial size of the input, needed to resolve SAME_UPPER/SAME_LOWER.</param>
    /// <param name="c">The node being differentiated, with its attributes.</param>
    /// <param name="kernel">The spatial kernel size.</param>
    public static ConvGeometry Of(GradientContext c, long[] kernel, IReadOnlyList<long> inputSpatial)
    {
        NodeProto node = c.Node;
        int rank = kernel.Length;
        long[] strides = node.Ints("strides") ?? Ones(rank);
        long[] dilations = node.Ints("dilations") ?? Ones(rank);
        string autoPad = node.String("auto_pad", "NOTSET");
        var begin = new long[rank];
        var end = new long[rank];
        switch (autoPad)
        {
            case "NOTSET":
                long[] pads = node.Ints("pads") ?? new long[2 * rank];
                Array.Copy(pads, begin, rank);
                Array.Copy(pads, rank, end, 0, rank);
                break;
            case "VALID":
                break;
            case "SAME_UPPER" or "SAME_LOWER":
                for (int i = 0; i < rank; i++)
                {
                    long outSize = (inputSpatial[i] + strides[i] - 1) / strides[i];
                    long total = Math.Max(0, (outSize - 1) * strides[i] + (kernel[i] - 1) * dilations[i] + 1 - inputSpatial[i]);
                    (begin[i], end[i]) = autoPad == "SAME_UPPER" ? (total / 2, total - total / 2) : (total - total / 2, total / 2);
                }
                break;
            default:
                throw c.Unsupported($"auto_pad \"{autoPad}\"");
        }
        return new ConvGeometry(kernel, strides, dilations, begin, end);
    }

    /// <summary>
    /// The same geometry with end pads grown just enough that a plain (floor-mode) window pass over an
    /// input of <paramref name="inputSpatial"/> yields <paramref name="outputSpatial"/> windows; this
    /// covers ceil_mode, whose last window reaches past the end padding.
    /// </summary>
    public ConvGeometry Reaching(IReadOnlyList<long> inputSpatial, IReadOnlyList<long> outputSpatial) => this with
    {
        PadsEnd = PadsEnd.Select((pad, i) =>
            Math.Max(pad, (outputSpatial[i] - 1) * Strides[i] + Extent(i) - inputSpatial[i] - PadsBegin[i])).ToArray(),
    };

    /// <summary>
    /// The output_padding that makes a transposed pass over <paramref name="outputSpatial"/> restore
    /// exactly <paramref name="inputSpatial"/>: the input rows a floor-mode pass never reached.
    /// </summary>
    public long[] OutputPadding(IReadOnlyList<long> inputSpatial, IReadOnlyList<long> outputSpatial) =>
        Kernel.Select((_, i) => inputSpatial[i] + PadsBegin[i] + PadsEnd[i] - Extent(i) - (outputSpatial[i] - 1) * Strides[i]).ToArray();

    public AttributeProto[] Attributes(params AttributeProto[] extra) =>
        [Attr.Ints("strides", Strides), Attr.Ints("dilations", Dilations), Attr.Ints("pads", Pads), .. extra];

    /// <summary>Attributes of the transposed pass that restores <paramref name="inputSpatial"/>.</summary>
    public AttributeProto[] TransposedAttributes(IReadOnlyList<long> inputSpatial, IReadOnlyList<long> outputSpatial, long group) =>
        Attributes(Attr.Int("group", group), Attr.Ints("output_padding", OutputPadding(inputSpatial, outputSpatial)));

    private static long[] Ones(int rank) => Enumerable.Repeat(1L, rank).ToArray();
}
