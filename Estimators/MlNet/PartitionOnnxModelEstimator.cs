using Microsoft.ML;
using Microsoft.ML.Data;
using Onnx;
using QuiltNet.Data;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;

namespace QuiltNet.Estimators.MlNet;

/// <summary>
/// Cuts an ONNX model into pipeline stages and, in <see cref="Fit"/>, trains the bottleneck autoencoder of
/// every cut on the data it is given (distillation against the model's own output, see
/// <see cref="BottleneckFitter"/>). Created by <see cref="QuiltNetCatalog.PartitionOnnxModel(TransformsCatalog, Options)"/>.
/// </summary>
public sealed class PartitionOnnxModelEstimator : IEstimator<PartitionOnnxModelTransformer>
{
    /// <summary>Settings of <see cref="PartitionOnnxModelEstimator"/>, defaults in one place.</summary>
    public sealed class Options
    {
        /// <summary>The ONNX model to partition (one image-like input, classification logits or any output).</summary>
        public string ModelFile { get; set; } = "";

        /// <summary>Name of the vector column fed to the model's input.</summary>
        public string InputColumnName { get; set; } = "Features";

        /// <summary>Name of the column holding the model's output.</summary>
        public string OutputColumnName { get; set; } = "Score";

        /// <summary>Where to cut and how to code each cut (positions as <c>quiltnet profile</c> lists them).</summary>
        public IReadOnlyList<PartitionCut> Cuts { get; set; } = [];

        /// <summary>How each cut's autoencoder is trained (distillation for 15 epochs by default).</summary>
        public TrainingOptions Training { get; set; } = new();

        /// <summary>At most this many rows of the fitting data train the autoencoders.</summary>
        public int MaximumTrainingRows { get; set; } = 2000;

        /// <summary>Folder for the fused stage files (default: a fresh folder under the system's temporary path).</summary>
        public string? StagesFolder { get; set; }

        /// <summary>Autoencoder cache folder (default: none, fit afresh).</summary>
        public string? CacheFolder { get; set; }
    }

    private readonly TransformsCatalog _transforms;
    private readonly Options _options;

    internal PartitionOnnxModelEstimator(TransformsCatalog transforms, Options options)
    {
        if (string.IsNullOrEmpty(options.ModelFile)) throw new QuiltNetException(nameof(options.ModelFile), "no model file given");
        if (!File.Exists(options.ModelFile)) throw new QuiltNetException(options.ModelFile, "model file not found");
        if (options.Cuts.Count == 0) throw new QuiltNetException(nameof(options.Cuts), "no cut given; a partition needs at least one");
        BottleneckFitting.Validate(options.Cuts.Select(c => c.Ratio), options.Cuts.Select(c => c.Stride), options.Cuts.Select(c => c.Bits));
        if (options.Cuts.Any(c => c.Bits == 16))
            throw new QuiltNetException(nameof(options.Cuts), "16-bit codes cannot cross an ML.NET column (no half-precision column type); use 32, 8 or 4");
        _transforms = transforms;
        _options = options;
    }

    /// <summary>Trains the autoencoder of every cut on <paramref name="input"/> and writes the fused stage files.</summary>
    /// <param name="input">The fitting data; its input column holds the model's input as a vector.</param>
    /// <returns>A transformer that runs the stages in turn.</returns>
    /// <exception cref="QuiltNetException">The model takes more than one input.</exception>
    public PartitionOnnxModelTransformer Fit(IDataView input)
    {
        var graph = OnnxGraph.Load(_options.ModelFile);
        if (graph.Inputs.Count != 1)
            throw new QuiltNetException(_options.ModelFile, $"takes {graph.Inputs.Count} inputs, but the estimator feeds one input column; the quiltnet tool fits models with several inputs from an .npz");
        var shapes = TensorShapeInference.Infer(graph);
        var cuts = _options.Cuts.OrderBy(c => c.Position).ToList();
        var data = Samples(input, shapes.Inputs[0]);

        var cache = _options.CacheFolder is { } folder ? new AutoencoderCache(folder) : AutoencoderCache.InMemory();
        var fitter = new BottleneckFitter(graph, shapes, data, _options.Training, cache);
        var weights = cuts.Where(c => c.IsCompressed).ToDictionary(c => c.Position, c => fitter.Fit(c.Position, c.Ratio, c.Stride, c.Bits).Weights);
        var stages = ModelSplitter.Stages(graph, shapes, cuts.Select(c => c.Position).ToList(), weights);

        string stagesFolder = _options.StagesFolder ?? Path.Combine(Path.GetTempPath(), "quiltnet-mlnet", Guid.NewGuid().ToString("N"));
        var (files, intermediate) = WriteStages(graph, stages, cuts, stagesFolder);
        IEstimator<ITransformer> chain = new EstimatorChain<ITransformer>();
        foreach (var (file, stage) in files.Zip(stages))
            chain = chain.Append(_transforms.ApplyOnnxModel(
                outputColumnNames: stage.Graph.Output.Select(o => o.Name).ToArray(), inputColumnNames: stage.Graph.Input.Select(i => i.Name).ToArray(), modelFile: file));
        chain = chain.Append(_transforms.DropColumns([.. intermediate]));
        return new PartitionOnnxModelTransformer(chain.Fit(input), files, fitter.Warnings);
    }

    /// <summary>The same as the unpartitioned model's: the stages compose to it.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var graph = OnnxGraph.Load(_options.ModelFile);
        var shapes = TensorShapeInference.Infer(graph);
        var whole = ModelSplitter.Stages(graph, shapes, [], null)[0];
        StageBoundaries.Rename(whole, Names(graph, 0, []));
        string file = Path.Combine(Path.GetTempPath(), "quiltnet-mlnet", $"schema-{Fingerprint.Of(graph)[..16]}.onnx");
        AtomicOutput.WriteFile(file, s => Google.Protobuf.MessageExtensions.WriteTo(whole, s));
        return _transforms.ApplyOnnxModel(_options.OutputColumnName, _options.InputColumnName, file).GetOutputSchema(inputSchema);
    }

    private SampleSet Samples(IDataView input, TensorInfo modelInput)
    {
        long[] sample = [.. modelInput.Shape.Skip(1)];
        var pixels = VectorColumn.Read(input, _options.InputColumnName, sample.Aggregate(1L, (p, d) => p * d), _options.MaximumTrainingRows, out _);
        return new SampleSet(pixels, null, sample, $"column '{_options.InputColumnName}'");
    }

    /// <summary>Stage files whose boundary tensors carry column names: the user's at both ends, <c>QuiltNet.Cut{P}.{i}</c> between.</summary>
    private (List<string> Files, List<string> Intermediate) WriteStages(OnnxGraph graph, IReadOnlyList<ModelProto> stages, IReadOnlyList<PartitionCut> cuts, string folder)
    {
        var files = new List<string>();
        var sent = Enumerable.Range(0, cuts.Count).Select(k => CutColumns(stages, k, cuts).ToList()).ToList();
        for (int k = 0; k < stages.Count; k++)
        {
            var names = Names(graph, k, cuts.Select(c => c.Position).ToList());
            foreach (var (tensor, column) in (k > 0 ? sent[k - 1] : []).Concat(k < cuts.Count ? sent[k] : []))
                names[tensor] = column;
            StageBoundaries.Rename(stages[k], names);
            string file = Path.Combine(folder, $"stage{k}.onnx");
            AtomicOutput.WriteFile(file, s => Google.Protobuf.MessageExtensions.WriteTo(stages[k], s));
            files.Add(file);
        }
        var intermediate = sent.SelectMany(s => s.Select(c => c.Column)).ToList();
        return (files, intermediate);
    }

    private Dictionary<string, string> Names(OnnxGraph graph, int stage, IReadOnlyList<int> cuts)
    {
        var names = new Dictionary<string, string>();
        if (stage == 0) names[graph.Inputs[0]] = _options.InputColumnName;
        if (stage == cuts.Count) names[graph.Outputs[0]] = _options.OutputColumnName;
        return names;
    }

    /// <summary>The tensors stage <paramref name="k"/> sends over its outgoing cut, and the columns they travel in.</summary>
    private static IEnumerable<(string Tensor, string Column)> CutColumns(IReadOnlyList<ModelProto> stages, int k, IReadOnlyList<PartitionCut> cuts) =>
        stages[k].Graph.Output.Select((o, i) => (o.Name, $"QuiltNet.Cut{cuts[k].Position}.{i}"));
}
