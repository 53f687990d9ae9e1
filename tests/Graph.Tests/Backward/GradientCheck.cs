using Google.Protobuf;
using Onnx;
using QuiltNet.Graph.Backward;

namespace QuiltNet.Graph.Tests.Backward;

/// <summary>
/// Checks a generated backward graph against central finite differences. With u a random upstream
/// gradient and L(x) = Σ over outputs of ⟨u, f(x)⟩, every element i of every requested tensor must
/// satisfy ∂L/∂xᵢ ≈ (L(x + εeᵢ) − L(x − εeᵢ)) / 2ε; the check is ‖analytic − numeric‖₂ ≤
/// tolerance·‖numeric‖₂ per tensor. ONNX Runtime runs both graphs in float32, so ε is large enough
/// (1e-2 by default) that rounding in f stays far below the signal, and one-operator tests draw the
/// inputs of kinked operators at least 2ε away from their kinks. In whole networks a Relu or MaxPool
/// kink can lie within ε of any input: with <see cref="SkipKinks"/> an element whose left and right
/// differences disagree by more than <see cref="KinkJump"/> of their size is left out (at most a quarter).
/// </summary>
internal sealed record GradientCheck(double Epsilon = 1e-2, double Tolerance = 1e-3, bool SkipKinks = false)
{
    /// <summary>The backward graph's recomputed forward outputs match the forward model's to this (absolute, on values of order 1).</summary>
    private const double ForwardTolerance = 1e-5;

    private const double KinkJump = 0.02;

    private const double MaxSkippedFraction = 0.25;

    public BackwardModel Verify(ModelProto forward, IReadOnlyDictionary<string, HostTensor> inputs, IReadOnlyCollection<string> withRespectTo, int seed = 1)
    {
        using var run = new Run(forward, inputs, withRespectTo, seed);
        foreach (string tensor in withRespectTo)
        {
            var analytic = run.Gradients[tensor];
            Assert.Equal(inputs[tensor].Shape, analytic.Shape);
            var numeric = new double[analytic.Data.Length];
            var kept = new List<int>();
            double center = SkipKinks ? run.Objective(inputs) : 0;
            for (int i = 0; i < numeric.Length; i++)
            {
                double up = run.Objective(With(inputs, tensor, Values.Nudged(inputs[tensor], i, Epsilon)));
                double down = run.Objective(With(inputs, tensor, Values.Nudged(inputs[tensor], i, -Epsilon)));
                numeric[i] = (up - down) / (2 * Epsilon);
                double right = (up - center) / Epsilon, left = (center - down) / Epsilon;
                if (!SkipKinks || Math.Abs(right - left) <= KinkJump * (Math.Abs(right) + Math.Abs(left)))
                    kept.Add(i);
            }
            Assert.True(kept.Count >= (1 - MaxSkippedFraction) * numeric.Length,
                $"gradient of '{tensor}': {numeric.Length - kept.Count} of {numeric.Length} elements sit at kinks");
            var analyticValues = analytic.AsDoubles();
            AssertRelative(kept.Select(i => numeric[i]).ToArray(), kept.Select(i => analyticValues[i]).ToArray(), Tolerance, $"gradient of '{tensor}'");
        }
        return run.Backward;
    }

    /// <summary>
    /// The check for whole networks: along random directions v with ±1 entries, ⟨∇L, v⟩ ≈
    /// (L(x + sv) − L(x − sv)) / 2s to within tolerance·max(|numeric|, ‖∇L‖₂) (‖∇L‖₂ is the typical
    /// size of ⟨∇L, v⟩) for at least one of the decreasing <paramref name="steps"/>. A step along all
    /// inputs at once crosses Relu and MaxPool kinks unless it is tiny, and a tiny one drowns in
    /// float32 rounding; a correct gradient agrees somewhere in between, a wrong one nowhere.
    /// </summary>
    public void VerifyDirections(ModelProto forward, IReadOnlyDictionary<string, HostTensor> inputs, IReadOnlyCollection<string> withRespectTo,
        int directions, double[] steps, int seed = 1)
    {
        using var run = new Run(forward, inputs, withRespectTo, seed);
        var random = new Random(seed + 1);
        for (int d = 0; d < directions; d++)
        {
            var direction = withRespectTo.ToDictionary(t => t, t => inputs[t].AsDoubles().Select(_ => random.Next(2) * 2.0 - 1).ToArray());
            double analytic = withRespectTo.Sum(t => run.Gradients[t].AsDoubles().Zip(direction[t], (g, v) => g * v).Sum());
            double norm = Math.Sqrt(withRespectTo.Sum(t => run.Gradients[t].AsDoubles().Sum(g => g * g)));
            var errors = new List<string>();
            foreach (double step in steps)
            {
                double Along(double signed) => run.Objective(withRespectTo.Aggregate(
                    new Dictionary<string, HostTensor>(inputs), (moved, t) => With(moved, t, Values.Moved(inputs[t], direction[t], signed))));
                double numeric = (Along(step) - Along(-step)) / (2 * step);
                double scale = Math.Max(Math.Abs(numeric), norm);
                Assert.True(scale > 1e-6, "the gradient is zero, the test checks nothing");
                double error = Math.Abs(analytic - numeric) / scale;
                if (error <= Tolerance)
                    break;
                errors.Add($"step {step:G2}: numeric {numeric:G6}, relative error {error:G3}");
                Assert.True(errors.Count < steps.Length,
                    $"direction {d}: analytic {analytic:G6} disagrees by more than {Tolerance:G3} at every step: {string.Join("; ", errors)}");
            }
        }
    }

    private static Dictionary<string, HostTensor> With(IReadOnlyDictionary<string, HostTensor> inputs, string name, HostTensor value) =>
        new(inputs) { [name] = value };

    /// <summary>
    /// The forward and backward models opened on ONNX Runtime, a random upstream gradient u, the
    /// gradients the backward model computes for it, and L(x) = Σ ⟨u, f(x)⟩ for finite differences.
    /// </summary>
    private sealed class Run : IDisposable
    {
        private readonly OnnxRunner _forward;
        private readonly Dictionary<string, HostTensor> _upstream;

        /// <remarks>Shapes are inferred with dynamic dimensions bound to 1, whatever batch <paramref name="inputs"/> has.</remarks>
        public Run(ModelProto forward, IReadOnlyDictionary<string, HostTensor> inputs, IReadOnlyCollection<string> withRespectTo, int seed)
        {
            var shapes = TensorShapeInference.Infer(OnnxGraph.FromModel(forward, "forward"));
            Backward = BackwardGraph.Build(forward, withRespectTo, shapes);
            var random = new Random(seed);
            _forward = new OnnxRunner(OrtSessions.Open(forward.ToByteArray(), threads: 1));
            var outputs = _forward.Run(inputs);
            _upstream = Backward.UpstreamGradients.Keys.ToDictionary(
                output => output,
                output => Values.Uniform(random, outputs[output].ElementType, outputs[output].Shape, -1, 1));

            var feeds = new Dictionary<string, HostTensor>(inputs);
            foreach (var (output, input) in Backward.UpstreamGradients)
                feeds[input] = _upstream[output];
            using var backward = new OnnxRunner(OrtSessions.Open(Backward.Model.ToByteArray(), threads: 1));
            var results = backward.Run(feeds);
            foreach (var (name, value) in outputs)
                AssertClose(value.AsDoubles(), results[name].AsDoubles(), ForwardTolerance, $"recomputed forward output '{name}'");
            Gradients = Backward.Gradients.ToDictionary(pair => pair.Key, pair => results[pair.Value]);
        }

        public BackwardModel Backward { get; }

        public IReadOnlyDictionary<string, HostTensor> Gradients { get; }

        public double Objective(IReadOnlyDictionary<string, HostTensor> inputs)
        {
            var outputs = _forward.Run(inputs);
            return _upstream.Sum(pair => Dot(pair.Value.AsDoubles(), outputs[pair.Key].AsDoubles()));
        }

        public void Dispose() => _forward.Dispose();
    }

    private static void AssertRelative(double[] expected, double[] actual, double tolerance, string what)
    {
        double error = Math.Sqrt(expected.Zip(actual, (a, b) => (a - b) * (a - b)).Sum());
        double scale = Math.Sqrt(expected.Sum(v => v * v));
        Assert.True(scale > 1e-6, $"{what}: the finite-difference gradient is zero, the test checks nothing");
        int worst = Enumerable.Range(0, expected.Length).MaxBy(i => Math.Abs(expected[i] - actual[i]));
        Assert.True(error <= tolerance * scale,
            $"{what}: relative error {error / scale:G3} > {tolerance:G3}; worst element {worst}: numeric {expected[worst]:G6}, analytic {actual[worst]:G6}");
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = expected.Zip(actual, (a, b) => Math.Abs(a - b)).DefaultIfEmpty(0).Max();
        Assert.True(worst <= tolerance, $"{what}: max abs difference {worst:G3} > {tolerance:G3}");
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();
}
