namespace QuiltNet.Graph.Backward;

/// <summary>Shorthands for the operators the gradient rules emit most.</summary>
internal static class EmitterOps
{
    public static string Add(this GraphEmitter e, string a, string b) => e.Node("Add", [a, b]);

    public static string Sub(this GraphEmitter e, string a, string b) => e.Node("Sub", [a, b]);

    public static string Mul(this GraphEmitter e, string a, string b) => e.Node("Mul", [a, b]);

    public static string Div(this GraphEmitter e, string a, string b) => e.Node("Div", [a, b]);

    public static string Neg(this GraphEmitter e, string x) => e.Node("Neg", [x]);

    public static string Cast(this GraphEmitter e, string x, ElementType to) => e.Node("Cast", [x], Attr.Int("to", (long)to));

    public static string Transpose(this GraphEmitter e, string x, IEnumerable<long> perm) => e.Node("Transpose", [x], Attr.Ints("perm", perm));

    public static string Reshape(this GraphEmitter e, string x, string shape) => e.Node("Reshape", [x, shape]);

    public static string Expand(this GraphEmitter e, string x, string shape) => e.Node("Expand", [x, shape]);

    public static string Unsqueeze(this GraphEmitter e, string x, params long[] axes) => e.NodeWithList("Unsqueeze", x, "axes", axes);

    public static string Squeeze(this GraphEmitter e, string x, params long[] axes) => e.NodeWithList("Squeeze", x, "axes", axes);

    public static string ReduceSum(this GraphEmitter e, string x, IEnumerable<long> axes, bool keepDims) =>
        e.NodeWithList("ReduceSum", x, "axes", axes.ToArray(), Attr.Int("keepdims", keepDims ? 1 : 0));

    /// <summary>Dimensions [start, end) of a tensor's runtime shape, as a 1-D int64 tensor.</summary>
    public static string ShapeRange(this GraphEmitter e, string x, long start, long? end = null) =>
        end is { } stop
            ? e.Node("Shape", [x], Attr.Int("start", start), Attr.Int("end", stop))
            : e.Node("Shape", [x], Attr.Int("start", start));

    /// <summary>Sums an [N, C, …] tensor over every axis but the channel axis 1, giving [C].</summary>
    public static string SumPerChannel(this GraphEmitter e, string x, int rank) =>
        e.ReduceSum(x, Enumerable.Range(0, rank).Where(i => i != 1).Select(i => (long)i), keepDims: false);

    /// <summary>Zeros shaped and typed like a forward tensor.</summary>
    public static string ZerosLike(this GraphEmitter e, string x) => e.FilledLike(x, 0);

    public static string FilledLike(this GraphEmitter e, string x, double value) =>
        e.Node("ConstantOfShape", [e.ShapeOf(x)], Attr.Tensor("value", GraphEmitter.FillValue(value, e.TypeOf(x))));

    /// <summary>The element count of a forward tensor at run time, as a scalar of <paramref name="type"/>.</summary>
    public static string SizeAs(this GraphEmitter e, string x, ElementType type) => e.Cast(e.Node("Size", [x]), type);
}
