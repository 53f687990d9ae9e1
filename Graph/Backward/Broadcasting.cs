namespace QuiltNet.Graph.Backward;

/// <summary>
/// An input that numpy-style broadcasting stretched to the output's shape gets the output gradient
/// summed over the stretched axes: the leading axes it lacks and the axes where it has size 1.
/// </summary>
internal static class Broadcasting
{
    /// <param name="gradDims">Static dimensions of <paramref name="grad"/>, -1 where dynamic.</param>
    /// <param name="targetDims">Static dimensions of the input, -1 where dynamic; a dynamic dimension
    /// follows the batch and is never a broadcast 1.</param>
    /// <param name="e">The emitter of the backward graph.</param>
    /// <param name="grad">The gradient of the broadcast output.</param>
    public static string SumToShape(this GraphEmitter e, string grad, IReadOnlyList<long> gradDims, IReadOnlyList<long> targetDims)
    {
        int lead = gradDims.Count - targetDims.Count;
        var axes = Enumerable.Range(0, lead)
            .Concat(Enumerable.Range(lead, targetDims.Count).Where(i => targetDims[i - lead] == 1 && gradDims[i] != 1))
            .Select(i => (long)i)
            .ToArray();
        if (axes.Length == 0)
            return grad;
        string summed = e.ReduceSum(grad, axes, keepDims: true);
        return lead == 0 ? summed : e.Squeeze(summed, Enumerable.Range(0, lead).Select(i => (long)i).ToArray());
    }

    /// <summary>Sums a gradient shaped like forward tensor <paramref name="gradLike"/> down to forward tensor <paramref name="target"/>.</summary>
    public static string SumToShape(this GraphEmitter e, string grad, string gradLike, string target) =>
        e.SumToShape(grad, e.Dims(gradLike), e.Dims(target));
}
