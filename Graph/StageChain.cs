namespace QuiltNet.Graph;

/// <summary>Stage models run one after another, each fed exactly what the one before returned, as links would carry it.</summary>
public sealed class StageChain : IDisposable
{
    private readonly List<OnnxRunner> _stages;

    /// <summary>A chain that runs <paramref name="stages"/> in order and owns them.</summary>
    public StageChain(IEnumerable<OnnxRunner> stages) => _stages = stages.ToList();

    /// <summary>The number of stages.</summary>
    public int Count => _stages.Count;

    /// <summary>Runs the stages in turn, the first on <paramref name="feeds"/> and each later one on the outputs of the one before; returns the last stage's outputs.</summary>
    public Dictionary<string, HostTensor> Run(IReadOnlyDictionary<string, HostTensor> feeds)
    {
        var carried = new Dictionary<string, HostTensor>(feeds);
        foreach (var stage in _stages)
            carried = stage.Run(carried);
        return carried;
    }

    /// <summary>Disposes every stage's runner.</summary>
    public void Dispose()
    {
        foreach (var stage in _stages) stage.Dispose();
    }
}
