using System.Collections.Concurrent;
using QuiltNet.Data;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;
using QuiltNet.Graph.Bottlenecks;
using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.Costs;

namespace QuiltNet.Optimizer.Plans;

/// <summary>
/// What every plan of one model on one system with one data set shares, prepared once: the graph with its shapes bound,
/// the profile and candidate cuts, the cost model, the calibration captures (inside each training setting's fitter) and the
/// reference accuracies. A plan made on it (<see cref="PlanMaker"/>) is an in-memory step — solve, fit (cached), fuse and
/// measure, simulate — and only the chosen plan is written (<see cref="PlanWriter"/>). Not thread-safe: one plan at a time.
/// </summary>
public sealed class PlanningContext
{
    private readonly ConcurrentDictionary<TrainingOptions, BottleneckFitter> _fitters = new();
    private readonly Lazy<double> _referenceAccuracy;

    private PlanningContext(string modelFile, OnnxGraph graph, TensorShapes shapes, HwSystem system,
        SampleSet calibration, SampleSet evaluation, AutoencoderCache cache)
    {
        ModelFile = Path.GetFullPath(modelFile);
        Graph = graph;
        Shapes = shapes;
        System = system;
        Calibration = calibration;
        Evaluation = evaluation;
        Cache = cache;
        Profile = ModelProfiler.Profile(graph, shapes);
        Cost = new CostModel(Profile);
        Candidates = CutPoints.Candidates(graph, shapes).ToDictionary(c => c.Position);
        _referenceAccuracy = new Lazy<double>(() => Estimators.Autoencoders.ReferenceAccuracy.Measure(Graph, Shapes, Evaluation, Cache));
    }

    /// <summary>Loads and profiles <paramref name="modelFile"/> for planning on <paramref name="system"/> with this data.</summary>
    /// <param name="modelFile">The ONNX model.</param>
    /// <param name="system">The multi-chip system plans are made for.</param>
    /// <param name="calibration">Data the autoencoders are fitted on.</param>
    /// <param name="evaluation">Held-out data every accuracy is measured on.</param>
    /// <param name="cache">Fitted autoencoders and measurements kept across runs; null keeps them in memory only.</param>
    public static PlanningContext Load(string modelFile, HwSystem system, SampleSet calibration, SampleSet evaluation, AutoencoderCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (calibration.Count == 0) throw new QuiltNetException(calibration.Source, "the calibration data set is empty");
        if (evaluation.Count == 0) throw new QuiltNetException(evaluation.Source, "the evaluation data set is empty");
        var graph = OnnxGraph.Load(modelFile);
        return new PlanningContext(modelFile, graph, TensorShapeInference.Infer(graph), system, calibration, evaluation, cache ?? AutoencoderCache.InMemory());
    }

    /// <summary>The model file, as a full path.</summary>
    public string ModelFile { get; }

    /// <summary>The model's graph.</summary>
    public OnnxGraph Graph { get; }

    /// <summary>Every tensor's shape, dynamic dimensions bound.</summary>
    public TensorShapes Shapes { get; }

    /// <summary>The system plans are made for.</summary>
    public HwSystem System { get; }

    /// <summary>Data the autoencoders are fitted on.</summary>
    public SampleSet Calibration { get; }

    /// <summary>Held-out data every accuracy is measured on.</summary>
    public SampleSet Evaluation { get; }

    /// <summary>Fitted autoencoders and measurements, reused across plans and runs.</summary>
    public AutoencoderCache Cache { get; }

    /// <summary>Per-layer costs of the model.</summary>
    public ModelProfile Profile { get; }

    /// <summary>The cost model over <see cref="Profile"/>.</summary>
    public CostModel Cost { get; }

    /// <summary>The cuts a plan may use, by position.</summary>
    public IReadOnlyDictionary<int, CutPoint> Candidates { get; }

    /// <summary>The whole model's top-1 accuracy on <see cref="Evaluation"/>, measured once (and cached across runs).</summary>
    public double ReferenceAccuracy => _referenceAccuracy.Value;

    /// <summary>The fitter for one training setting; its calibration captures are kept for every plan that uses it.</summary>
    internal BottleneckFitter Fitter(TrainingOptions training) =>
        _fitters.GetOrAdd(training, t => new BottleneckFitter(Graph, Shapes, Calibration, t, Cache));

    /// <summary>Top-1 accuracy of the model cut at <paramref name="cuts"/> with these autoencoders fused, on <see cref="Evaluation"/>.</summary>
    internal double Accuracy(IReadOnlyList<int> cuts, IReadOnlyDictionary<int, IReadOnlyList<BottleneckWeights>> weights, CancellationToken cancellationToken) =>
        weights.Count == 0
            ? Estimators.Autoencoders.ReferenceAccuracy.OfSplit(Graph, cuts, Evaluation, Cache, () => JointAccuracy.Measure(Graph, Shapes, cuts, weights, Evaluation, cancellationToken))
            : JointAccuracy.Measure(Graph, Shapes, cuts, weights, Evaluation, cancellationToken);
}
