namespace QuiltNet.Graph.Backward.Rules;

/// <summary>
/// y = a·b with numpy matmul semantics: ∂a = g·bᵀ, ∂b = aᵀ·g over the last two axes, summed over
/// broadcast batch axes. A 1-D operand is first made a matrix the way matmul does ([K] → [1,K] on
/// the left, [K,1] on the right), and the gradient shaped back at the end.
/// </summary>
internal sealed class MatMulRule : IGradientRule
{
    public void Emit(GradientContext c)
    {
        var e = c.E;
        string a = c.Input(0), b = c.Input(1);
        bool vectorA = e.Rank(a) == 1, vectorB = e.Rank(b) == 1;
        var dimsA = vectorA ? [1, .. e.Dims(a)] : e.Dims(a);
        var dimsB = vectorB ? [.. e.Dims(b), 1] : e.Dims(b);
        string matrixA = vectorA ? e.Unsqueeze(a, 0) : a;
        string matrixB = vectorB ? e.Unsqueeze(b, 1) : b;

        // The output gradient gets back the axes matmul dropped for 1-D operands.
        string g = c.Upstream();
        var dimsG = e.Dims(c.Y).ToList();
        if (vectorA)
        {
            int axis = dimsG.Count - (vectorB ? 0 : 1);
            g = e.Unsqueeze(g, axis);
            dimsG.Insert(axis, 1);
        }
        if (vectorB)
        {
            g = e.Unsqueeze(g, dimsG.Count);
            dimsG.Add(1);
        }
        long[] dimsGrad = [.. dimsG];

        c.SetGradientIfNeeded(0, () =>
        {
            string grad = e.Node("MatMul", [g, SwapLastTwo(e, matrixB, dimsB.Length)]);
            long[] dims = [.. dimsGrad[..^1], dimsA[^1]];
            return Restore(e, e.SumToShape(grad, dims, dimsA), a, vectorA);
        });
        c.SetGradientIfNeeded(1, () =>
        {
            string grad = e.Node("MatMul", [SwapLastTwo(e, matrixA, dimsA.Length), g]);
            long[] dims = [.. dimsGrad[..^2], dimsA[^1], dimsGrad[^1]];
            return Restore(e, e.SumToShape(grad, dims, dimsB), b, vectorB);
        });
    }

    private static string SwapLastTwo(GraphEmitter e, string x, int rank) =>
        e.Transpose(x, Enumerable.Range(0, rank - 2).Select(i => (long)i).Append(rank - 1).Append(rank - 2));

    private static string Restore(GraphEmitter e, string grad, string operand, bool vector) =>
        vector ? e.Reshape(grad, e.ShapeOf(operand)) : grad;
}
