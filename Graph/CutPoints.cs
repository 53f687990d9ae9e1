namespace QuiltNet.Graph;

/// <summary>
/// Which positions can be cut. A position is a candidate when every tensor crossing it is a known,
/// floating-point tensor: activations a link can carry and an autoencoder can compress. Positions where
/// integer shape plumbing or booleans would cross are left out.
/// </summary>
public static class CutPoints
{
    /// <summary>Every position where the model can be cut, in order, with the tensors each cut sends.</summary>
    public static IReadOnlyList<CutPoint> Candidates(OnnxGraph graph, TensorShapes shapes) => Candidates(new Frontiers(graph), shapes);

    internal static IReadOnlyList<CutPoint> Candidates(Frontiers frontiers, TensorShapes shapes)
    {
        var cuts = new List<CutPoint>();
        for (int p = 1; p < frontiers.NodeCount; p++)
            if (TryAt(frontiers, shapes, p) is { } cut && cut.Tensors.All(t => t.ElementType.IsFloatingPoint()))
                cuts.Add(cut);
        return cuts;
    }

    /// <summary>The cut at <paramref name="position"/>, or an error naming why it cannot be cut there.</summary>
    public static CutPoint At(OnnxGraph graph, TensorShapes shapes, int position) =>
        At(new Frontiers(graph), graph, shapes, position);

    internal static CutPoint At(Frontiers frontiers, OnnxGraph graph, TensorShapes shapes, int position)
    {
        if (position < 1 || position >= frontiers.NodeCount)
            throw new ArgumentException($"position {position} does not exist in {Path.GetFileName(graph.Path)}: cut positions run from 1 to {frontiers.NodeCount - 1}", nameof(position));
        return TryAt(frontiers, shapes, position)
            ?? throw new ArgumentException($"position {position} of {Path.GetFileName(graph.Path)} cannot be cut: a tensor crossing it has no known tensor shape", nameof(position));
    }

    private static CutPoint? TryAt(Frontiers frontiers, TensorShapes shapes, int position)
    {
        var tensors = new List<TensorInfo>();
        foreach (string name in frontiers.At(position))
        {
            if (shapes.Find(name) is not { } info) return null;
            tensors.Add(info);
        }
        return tensors.Count == 0 ? null : new CutPoint(position, tensors);
    }
}
