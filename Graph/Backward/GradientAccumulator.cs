namespace QuiltNet.Graph.Backward;

/// <summary>
/// Collects the gradient contributions a tensor receives from each of its consumers; the tensor's
/// gradient is their sum, taken once all consumers have been differentiated.
/// </summary>
internal sealed class GradientAccumulator(GraphEmitter emitter)
{
    private readonly Dictionary<string, List<string>> _parts = [];
    private readonly Dictionary<string, string> _totals = [];

    public void Add(string tensor, string gradient)
    {
        if (_totals.ContainsKey(tensor))
            throw new InvalidOperationException($"gradient of '{tensor}' received a contribution after it was summed");
        if (!_parts.TryGetValue(tensor, out var parts))
            _parts[tensor] = parts = [];
        parts.Add(gradient);
    }

    public bool Has(string tensor) => _parts.ContainsKey(tensor);

    /// <summary>The summed gradient, or null when nothing contributed to it.</summary>
    public string? Total(string tensor)
    {
        if (_totals.TryGetValue(tensor, out var total))
            return total;
        if (!_parts.TryGetValue(tensor, out var parts))
            return null;
        return _totals[tensor] = parts.Count == 1 ? parts[0] : emitter.Node("Sum", parts);
    }
}
