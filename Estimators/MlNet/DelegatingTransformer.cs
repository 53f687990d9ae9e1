using Microsoft.ML;
using Microsoft.ML.Data;

namespace QuiltNet.Estimators.MlNet;

/// <summary>
/// A fitted QuiltNet transformer is a chain of ML.NET's own transformers (ONNX scoring of generated
/// models, column dropping) and saves as that chain: ML.NET offers third parties no other way to persist
/// learned state, and it is what lets a saved model load where only ML.NET and ONNX Runtime are present.
/// </summary>
public abstract class DelegatingTransformer : ITransformer, IDisposable
{
    private readonly ITransformer _inner;

    private protected DelegatingTransformer(ITransformer inner) => _inner = inner;

    /// <inheritdoc/>
    public bool IsRowToRowMapper => _inner.IsRowToRowMapper;

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _inner.GetOutputSchema(inputSchema);

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => _inner.GetRowToRowMapper(inputSchema);

    /// <inheritdoc/>
    public IDataView Transform(IDataView input) => _inner.Transform(input);

    void ICanSaveModel.Save(ModelSaveContext ctx) => _inner.Save(ctx);

    /// <summary>Disposes the ONNX transformers of the chain.</summary>
    public void Dispose()
    {
        (_inner as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
    }
}
