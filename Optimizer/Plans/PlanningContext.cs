using System.Collections.Concurrent;
using QuiltNet.Data;
using QuiltNet.Data.Metrics;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;
using QuiltNet.Graph.Bottlenecks;
using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.Costs;

namespace QuiltNet.Optimizer.Plans;

/// <summary>
/// What every plan of one model on one system with one data set and one metric shares, prepared once: the graph with its
/// shapes bound, the profile and candidate cuts, the cost model, the calibration captures (inside each training setting's
/// fitter), the uncompressed model's outputs on the evaluation data and its reference scores. A plan made on it
/// (<see cref="PlanMaker"/>) is an in-memory step — solve, fit (cached), fuse and measure, simulate — and only the chosen
/// plan is written (<see cref="PlanWriter"/>). Not thread-safe: one plan at a time.
/// </summary>
public sealed class PlanningContext
{
    private readonly ConcurrentDictionary<TrainingOptions, BottleneckFitter> _fitters = new();
    private readonly Lazy<FidelityScores> _reference;

    private PlanningContext(string modelFile, OnnxGraph graph, TensorShapes shapes, HwSystem system,
        SampleSet calibration, SampleSet evaluation, AutoencoderCache cache, FidelityMetric metric)
    {
        ModelFile = Path.GetFullPath(modelFile);
        Graph = graph;
        Shapes = shapes;
        System = system;
        Calibration = calibration;
        Evaluation = evaluation;
        Cache = cache;
        Metric = metric;
        Profile = ModelProfiler.Profile(graph, shapes);
        Cost = new CostModel(Profile);
        Candidates = CutPoints.Candidates(graph, shapes).ToDictionary(c => c.Position);
        Runs = CutRuns.Of(Profile, Candidates);
        ReferenceOutputs = new Lazy<ReferenceOutputs>(() => Estimators.Autoencoders.ReferenceOutputs.Capture(Graph, Shapes, Evaluation));
        _reference = new Lazy<FidelityScores>(() => ReferenceFidelity.Measure(Graph, Evaluation, Cache, () => ReferenceOutputs.Value));
    }

    /// <summary>Loads and profiles <paramref name="modelFile"/> for planning on <paramref name="system"/> with this data.</summary>
    /// <param name="modelFile">The ONNX model.</param>
    /// <param name="system">The multi-chip system plans are made for.</param>
    /// <param name="calibration">Data the autoencoders are fitted on.</param>
    /// <param name="evaluation">Held-out data every plan is measured on.</param>
    /// <param name="cache">Fitted autoencoders and measurements kept across runs; null keeps them in memory only.</param>
    /// <param name="bindings">Shapes for the model's inputs; dynamic dimensions they leave open are bound from the calibration samples' shape.</param>
    /// <param name="metric">What plans are measured by; null: accuracy where the evaluation data has labels, else agreement.</param>
    public static PlanningContext Load(string modelFile, HwSystem system, SampleSet calibration, SampleSet evaluation, AutoencoderCache? cache = null, ShapeBindings? bindings = null,
        FidelityMetric? metric = null) =>
        Load(OnnxGraph.Load(modelFile), system, calibration, evaluation, cache, bindings, metric);

    /// <summary>Profiles a loaded model for planning on <paramref name="system"/> with this data.</summary>
    /// <param name="graph">The ONNX model, loaded from its file.</param>
    /// <param name="system">The multi-chip system plans are made for.</param>
    /// <param name="calibration">Data the autoencoders are fitted on.</param>
    /// <param name="evaluation">Held-out data every accuracy is measured on.</param>
    /// <param name="cache">Fitted autoencoders and measurements kept across runs; null keeps them in memory only.</param>
    /// <param name="bindings">Shapes for the model's inputs; dynamic dimensions they leave open are bound from the calibration samples' shape.</param>
    /// <param name="metric">What plans are measured by; null: accuracy where the evaluation data has labels, else agreement.</param>
    public static PlanningContext Load(OnnxGraph graph, HwSystem system, SampleSet calibration, SampleSet evaluation, AutoencoderCache? cache = null, ShapeBindings? bindings = null,
        FidelityMetric? metric = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (calibration.Count == 0) throw new QuiltNetException(calibration.Source, "the calibration data set is empty");
        if (evaluation.Count == 0) throw new QuiltNetException(evaluation.Source, "the evaluation data set is empty");
        var shapes = TensorShapeInference.Infer(graph, DataShapes.Bind(graph, calibration, bindings ?? new ShapeBindings()));
        DataShapes.CheckClasses(evaluation, shapes, graph.Outputs[0]);
        return new PlanningContext(graph.Path, graph, shapes, system, calibration, evaluation, cache ?? AutoencoderCache.InMemory(),
            metric ?? FidelityMetric.Default(evaluation.HasLabels));
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

    /// <summary>Held-out data every plan is measured on.</summary>
    public SampleSet Evaluation { get; }

    /// <summary>Fitted autoencoders and measurements, reused across plans and runs.</summary>
    public AutoencoderCache Cache { get; }

    /// <summary>What plans are measured by, and what the budget's percentage points are points of.</summary>
    public FidelityMetric Metric { get; }

    /// <summary>Per-layer costs of the model.</summary>
    public ModelProfile Profile { get; }

    /// <summary>The cost model over <see cref="Profile"/>.</summary>
    public CostModel Cost { get; }

    /// <summary>The cuts a plan may use, by position.</summary>
    public IReadOnlyDictionary<int, CutPoint> Candidates { get; }

    /// <summary>The candidates in runs of the same tensors, for estimating what an option loses before it is measured.</summary>
    internal CutRuns Runs { get; }

    /// <summary>The whole model's scores on <see cref="Evaluation"/> (its accuracy where there are labels), measured once and cached across runs.</summary>
    public FidelityScores Reference => _reference.Value;

    /// <summary>The uncompressed model's outputs on <see cref="Evaluation"/>, captured the first time something is measured.</summary>
    internal Lazy<ReferenceOutputs> ReferenceOutputs { get; }

    /// <summary>
    /// The fitter for one training setting; its calibration captures are kept for every plan that uses it. Under relative
    /// error, distillation matches every output's values rather than class distributions: the metric is not a classifier's.
    /// </summary>
    internal BottleneckFitter Fitter(TrainingOptions training) =>
        _fitters.GetOrAdd(Metric == FidelityMetric.RelativeError ? training with { Loss = DistillationLoss.SquaredError } : training,
            t => new BottleneckFitter(Graph, Shapes, Calibration, t, Cache));

    /// <summary>The scores of the model cut at <paramref name="cuts"/> with these autoencoders fused, on <see cref="Evaluation"/>.</summary>
    internal FidelityScores Fidelity(IReadOnlyList<int> cuts, IReadOnlyDictionary<int, IReadOnlyList<BottleneckWeights>> weights, CancellationToken cancellationToken) =>
        weights.Count == 0
            ? ReferenceFidelity.OfSplit(Graph, cuts, Evaluation, Cache, () => JointFidelity.Measure(Graph, Shapes, cuts, weights, Evaluation, ReferenceOutputs.Value, cancellationToken))
            : JointFidelity.Measure(Graph, Shapes, cuts, weights, Evaluation, ReferenceOutputs.Value, cancellationToken);

    /// <summary>Percentage points <paramref name="scores"/> lose under <see cref="Metric"/> against the whole model.</summary>
    internal double LossPp(FidelityScores scores) => Metric.LossPp(Reference, scores);
}
