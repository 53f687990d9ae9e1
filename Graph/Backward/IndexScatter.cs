namespace QuiltNet.Graph.Backward;

/// <summary>
/// Operators that only move elements (Gather, Slice, nearest Resize, MaxPool) have as input gradient
/// the output gradient scatter-added to the positions each output element was read from. Running the
/// operator itself on a tensor of flat positions yields those positions, whatever its attributes.
/// </summary>
internal static class IndexScatter
{
    /// <summary>Largest element count whose flat positions float32 holds exactly (Resize has no int64 kernel).</summary>
    public const long ExactInFloat = 1L << 24;

    /// <summary>0, 1, 2, … shaped like forward tensor <paramref name="x"/>, in <paramref name="type"/>.</summary>
    public static string FlatPositions(this GraphEmitter e, string x, ElementType type)
    {
        string range = e.Node("Range", [e.Scalar(0, type), e.SizeAs(x, type), e.Scalar(1, type)]);
        return e.Reshape(range, e.ShapeOf(x));
    }

    /// <summary>Adds each element of <paramref name="grad"/> at its flat position in a zero tensor shaped like <paramref name="x"/>.</summary>
    public static string ScatterAdd(this GraphEmitter e, string grad, string positions, string x)
    {
        string flat = e.Int64s(-1);
        string scattered = e.Node("ScatterElements",
            [e.Reshape(e.ZerosLike(x), flat), e.Reshape(positions, flat), e.Reshape(grad, flat)],
            Attr.Int("axis", 0), Attr.String("reduction", "add"));
        return e.Reshape(scattered, e.ShapeOf(x));
    }
}
