namespace QuiltNet.Graph;

/// <summary>Stage models run one after another, each fed exactly what the one before returned, as links would carry it.</summary>
public sealed class StageChain : IDisposable
{
    private readonly List<OnnxRunner> _stages;

    public StageChain(IEnumerable<OnnxRunner> stages) => _stages = stages.ToList();

    public int Count => _stages.Count;

    public Dictionary<string, HostTensor> Run(IReadOnlyDictionary<string, HostTensor> feeds)
    {
        var carried = new Dictionary<string, HostTensor>(feeds);
        foreach (var stage in _stages)
            carried = stage.Run(carried);
        return carried;
    }

    public void Dispose()
    {
        foreach (var stage in _stages) stage.Dispose();
    }
}
