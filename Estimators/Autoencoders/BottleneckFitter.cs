using System.Diagnostics;
using System.Globalization;
using QuiltNet.Data;
using QuiltNet.Graph;
using QuiltNet.Graph.Bottlenecks;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>
/// Fits the autoencoders of any cut of one model on one calibration set: principal components at the
/// option's width, then training as <see cref="TrainingOptions.Method"/> says at fp32, then — for 8- and
/// 4-bit codes — a fine-tune with quantisation in the loop from the fp32 weights (a third of the epochs)
/// and calibrated code ranges. Every result is cached by (model hash, cut, option, training, data hash);
/// activations are captured once per cut, and only when something has to be trained.
/// </summary>
public sealed class BottleneckFitter
{
    private readonly OnnxGraph _graph;
    private readonly TensorShapes _shapes;
    private readonly SampleSet _calibration;
    private readonly TrainingOptions _training;
    private readonly AutoencoderCache _cache;
    private readonly Lazy<string> _keyPrefix;
    private readonly Dictionary<int, (IReadOnlyDictionary<string, CapturedTensor> Captured, DistillationTarget Target)> _cuts = new();
    private readonly List<string> _warnings = [];

    /// <summary>A fitter for cuts of <paramref name="graph"/>, trained on <paramref name="calibration"/>.</summary>
    /// <param name="graph">The model.</param>
    /// <param name="shapes">Its tensors' shapes.</param>
    /// <param name="calibration">The images the autoencoders are fitted on.</param>
    /// <param name="training">How they are trained.</param>
    /// <param name="cache">Where fitted autoencoders are kept; null keeps them in memory for this fitter's life.</param>
    /// <exception cref="QuiltNetException"><paramref name="calibration"/> is empty.</exception>
    public BottleneckFitter(OnnxGraph graph, TensorShapes shapes, SampleSet calibration, TrainingOptions training, AutoencoderCache? cache = null)
    {
        if (calibration.Count == 0) throw new QuiltNetException(calibration.Source, "the data set is empty");
        _graph = graph;
        _shapes = shapes;
        _calibration = calibration;
        _training = training;
        _cache = cache ?? AutoencoderCache.InMemory();
        _keyPrefix = new Lazy<string>(() => string.Join('|', Fingerprint.Of(graph), calibration.Fingerprint(), Describe(training)));
    }

    /// <summary>The model the autoencoders are fitted into.</summary>
    public OnnxGraph Graph => _graph;

    /// <summary>The model's tensor shapes.</summary>
    public TensorShapes Shapes => _shapes;

    /// <summary>Where fitted autoencoders and measurements are kept.</summary>
    public AutoencoderCache Cache => _cache;

    /// <summary>How the autoencoders are trained.</summary>
    public TrainingOptions Training => _training;

    /// <summary>What fitting had to settle for, such as distillation stopping short of the output.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>How many trainings ran here, rather than coming from the cache.</summary>
    public int Trainings { get; private set; }

    /// <summary>The cache key of everything fitted here: model, calibration data and training settings.</summary>
    public string KeyPrefix => _keyPrefix.Value;

    /// <param name="ratio">A tensor of C features gets a code of max(1, C / ratio).</param>
    /// <param name="cut">The cut position whose frontier tensors get autoencoders.</param>
    /// <param name="stride">Spatial stride of the code: 1, or 2 to halve each spatial dimension.</param>
    /// <param name="bits">Bits per code value: 32, 16, 8 or 4.</param>
    /// <param name="cancellationToken">Checked between training batches: a cancelled fit stores nothing.</param>
    /// <exception cref="QuiltNetException">A tensor of the cut cannot be compressed (<see cref="FeatureAxes.Obstacle(CutPoint)"/> says why).</exception>
    public FittedBottleneck Fit(int cut, int ratio, int stride = 1, int bits = 32, CancellationToken cancellationToken = default)
    {
        BottleneckFitting.Validate([ratio], [stride], [bits]);
        if (FeatureAxes.Obstacle(CutPoints.At(_graph, _shapes, cut)) is { } obstacle)
            throw new QuiltNetException($"cut {cut}", $"cannot be compressed: {obstacle}");
        if (bits is 32 or 16)
        {
            var fp32 = _cache.GetOrAdd($"autoencoder|{KeyPrefix}|{cut}|{ratio}|{stride}|32", () => TrainFloat(cut, ratio, stride, cancellationToken));
            return bits == 32 ? fp32 : fp32 with { Weights = fp32.Weights.Select(w => w with { Option = w.Option with { Bits = 16 } }).ToList() };
        }
        return _cache.GetOrAdd($"autoencoder|{KeyPrefix}|{cut}|{ratio}|{stride}|{bits}", () =>
        {
            var fp32 = Fit(cut, ratio, stride, cancellationToken: cancellationToken);
            var clock = Stopwatch.StartNew();
            var (captured, target) = Prepare(cut, cancellationToken);
            var atBits = fp32.Weights.Select(w => w with { Option = w.Option with { Bits = bits } }).ToList();
            Trainings++;
            var tuned = AutoencoderTrainer.Train(_graph, _shapes, cut, atBits, captured, target, _training with { Epochs = Math.Max(1, _training.Epochs / 3) }, cancellationToken: cancellationToken);
            var calibrated = tuned.Select(w => CodeRange.Calibrate(w, captured[w.Tensor])).ToList();
            return new FittedBottleneck(calibrated, fp32.TrainSeconds + clock.Elapsed.TotalSeconds);
        });
    }

    private FittedBottleneck TrainFloat(int cut, int ratio, int stride, CancellationToken cancellationToken)
    {
        var (captured, target) = Prepare(cut, cancellationToken);
        var clock = Stopwatch.StartNew();
        var initial = CutPoints.At(_graph, _shapes, cut).Tensors.Select(t =>
        {
            var data = captured[t.Name];
            return PcaInitializer.Fit(data, new BottleneckOption(Math.Max(1, data.Channels / ratio), stride));
        }).ToList();
        Trainings++;
        var trained = AutoencoderTrainer.Train(_graph, _shapes, cut, initial, captured, target, _training, cancellationToken: cancellationToken);
        return new FittedBottleneck(trained, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The cut's frontier and its distillation target, captured on the calibration data once.</summary>
    private (IReadOnlyDictionary<string, CapturedTensor> Captured, DistillationTarget Target) Prepare(int cut, CancellationToken cancellationToken)
    {
        if (_cuts.TryGetValue(cut, out var known)) return known;
        var frontier = CutPoints.At(_graph, _shapes, cut).Tensors.Select(t => t.Name);
        var target = _training.Method == TrainingMethod.Distill
            ? DistillationTarget.Find(_graph, _shapes, cut, _training.Loss)
            : new DistillationTarget(cut, frontier.ToList(), false, null);
        if (target.Warning is { } warning) _warnings.Add(warning);
        var captured = ActivationCapture.Capture(_graph, _shapes, frontier.Concat(target.Tensors).Distinct().ToList(), _calibration, cancellationToken);
        return _cuts[cut] = (captured, target);
    }

    // The default loss adds nothing, so autoencoders cached before the loss was a setting still count.
    private static string Describe(TrainingOptions t) =>
        string.Join(',', t.Method, t.Epochs, t.BatchSize, t.LearningRate.ToString("R", CultureInfo.InvariantCulture), t.Seed)
        + (t.Loss == DistillationLoss.Divergence ? "" : "," + t.Loss);
}
