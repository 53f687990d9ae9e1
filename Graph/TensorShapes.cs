namespace QuiltNet.Graph;

/// <summary>The element type and bound shape of every tensor of a model, and where they came from.</summary>
public sealed class TensorShapes
{
    private readonly IReadOnlyDictionary<string, TensorInfo> _tensors;

    internal TensorShapes(IReadOnlyDictionary<string, TensorInfo> tensors, IReadOnlyList<TensorInfo> inputs, string source)
    {
        _tensors = tensors;
        Inputs = inputs;
        Source = source;
    }

    /// <summary>The model inputs as bound.</summary>
    public IReadOnlyList<TensorInfo> Inputs { get; }

    /// <summary>"onnxruntime" when measured by a run, "value_info" when read from the model's annotations.</summary>
    public string Source { get; }

    /// <summary>The number of tensors known.</summary>
    public int Count => _tensors.Count;

    /// <summary>The tensor named <paramref name="name"/>, or null when it has no known shape.</summary>
    public TensorInfo? Find(string name) => _tensors.GetValueOrDefault(name);

    /// <summary>The tensor named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The tensor has no known shape.</exception>
    public TensorInfo this[string name] => _tensors.TryGetValue(name, out var info)
        ? info
        : throw new KeyNotFoundException($"no shape known for tensor '{name}'");
}
