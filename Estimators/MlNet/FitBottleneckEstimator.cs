using Microsoft.ML;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;
using QuiltNet.Graph.Bottlenecks;

namespace QuiltNet.Estimators.MlNet;

/// <summary>
/// Fits a bottleneck autoencoder on a vector column: the closed-form linear optimum (principal components,
/// mean-centred), with calibrated 8- or 4-bit codes if asked. Training against a downstream model needs
/// that model: use <see cref="PartitionOnnxModelEstimator"/>. Created by <see cref="QuiltNetCatalog.FitBottleneck(TransformsCatalog, Options)"/>.
/// </summary>
public sealed class FitBottleneckEstimator : IEstimator<BottleneckTransformer>
{
    /// <summary>Settings of <see cref="FitBottleneckEstimator"/>, defaults in one place.</summary>
    public sealed class Options
    {
        /// <summary>Name of the vector column to transform.</summary>
        public string InputColumnName { get; set; } = "Features";

        /// <summary>Name of the column the result goes to.</summary>
        public string OutputColumnName { get; set; } = "Code";

        /// <summary>Features kept in the code.</summary>
        public int CodeWidth { get; set; } = 16;

        /// <summary>32 (fp32 codes), 8 or 4 (quantised per feature).</summary>
        public int Bits { get; set; } = 32;

        /// <summary>What the fitted bottleneck applies: encoder, decoder or both.</summary>
        public BottleneckMode Mode { get; set; } = BottleneckMode.RoundTrip;

        /// <summary>The vectors to fit on when they are not the input column (required for <see cref="BottleneckMode.Decode"/>).</summary>
        public string? TrainingColumnName { get; set; }

        /// <summary>At most this many rows are fitted on.</summary>
        public int MaximumTrainingRows { get; set; } = 100_000;

        /// <summary>Folder for the generated model (default: a fresh folder under the system's temporary path).</summary>
        public string? ModelFolder { get; set; }
    }

    private const string Tensor = "vector";
    private readonly TransformsCatalog _transforms;
    private readonly Options _options;

    internal FitBottleneckEstimator(TransformsCatalog transforms, Options options)
    {
        if (options.CodeWidth < 1) throw new QuiltNetException(nameof(options.CodeWidth), $"code width {options.CodeWidth} must be at least 1");
        if (options.Bits is not (32 or 8 or 4)) throw new QuiltNetException(nameof(options.Bits), $"{options.Bits} bits: codes are 32, 8 or 4 bits in an ML.NET column");
        if (options.Mode == BottleneckMode.Decode && options.TrainingColumnName is null)
            throw new QuiltNetException(nameof(options.TrainingColumnName), "a decoder is fitted on the vectors it reconstructs: name their column");
        _transforms = transforms;
        _options = options;
    }

    /// <summary>Fits the autoencoder on <paramref name="input"/> and generates its ONNX model.</summary>
    /// <param name="input">The data holding the training column.</param>
    /// <returns>A transformer that applies the autoencoder to the input column.</returns>
    public BottleneckTransformer Fit(IDataView input)
    {
        string column = _options.TrainingColumnName ?? _options.InputColumnName;
        int size = VectorColumn.Size(input.Schema, column);
        if (_options.CodeWidth > size)
            throw new QuiltNetException(nameof(_options.CodeWidth), $"code width {_options.CodeWidth} is larger than column '{column}''s {size} features");
        var values = VectorColumn.Read(input, column, size, _options.MaximumTrainingRows, out int rows);
        var captured = new CapturedTensor(Tensor, [rows, size], values);
        var weights = CodeRange.Calibrate(PcaInitializer.Fit(captured, new BottleneckOption(_options.CodeWidth, 1, _options.Bits)), captured);

        string file = Path.Combine(_options.ModelFolder ?? Path.Combine(Path.GetTempPath(), "quiltnet-mlnet", Guid.NewGuid().ToString("N")), "bottleneck.onnx");
        WriteModel(weights, size, file);
        return new BottleneckTransformer(_transforms.ApplyOnnxModel(_options.OutputColumnName, _options.InputColumnName, file).Fit(input), weights, file);
    }

    /// <summary>A vector column in, a vector column out: any fitted bottleneck has this schema, so a placeholder one tells it.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var placeholder = new BottleneckWeights(Tensor, FeatureAxis.Last, 1, new BottleneckOption(1, 1, _options.Bits), [1], [0], [1], [0], false, [0], [1]);
        string file = Path.Combine(Path.GetTempPath(), "quiltnet-mlnet", $"schema-{_options.Mode}-{_options.Bits}.onnx");
        WriteModel(placeholder, 1, file);
        return _transforms.ApplyOnnxModel(_options.OutputColumnName, _options.InputColumnName, file).GetOutputSchema(inputSchema);
    }

    private void WriteModel(BottleneckWeights weights, int size, string file)
    {
        var tensor = new TensorInfo(Tensor, ElementType.Float, [1, size]) { SymbolicDims = ["N", null] };
        var (model, input, output) = _options.Mode switch
        {
            BottleneckMode.Encode => (BottleneckModels.Encoder(weights, tensor), Tensor, BottleneckEmitter.CodeName(Tensor, 0)),
            BottleneckMode.Decode => (BottleneckModels.Decoder(weights, tensor), BottleneckEmitter.CodeName(Tensor, 0), Tensor),
            _ => (BottleneckModels.RoundTrip(weights, tensor), Tensor, Tensor + "::reconstructed"),
        };
        StageBoundaries.Rename(model, new Dictionary<string, string> { [input] = _options.InputColumnName, [output] = _options.OutputColumnName });
        AtomicOutput.WriteFile(file, s => Google.Protobuf.MessageExtensions.WriteTo(model, s));
    }
}
