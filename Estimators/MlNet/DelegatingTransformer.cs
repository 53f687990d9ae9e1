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

    public bool IsRowToRowMapper => _inner.IsRowToRowMapper;

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _inner.GetOutputSchema(inputSchema);

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => _inner.GetRowToRowMapper(inputSchema);

    public IDataView Transform(IDataView input) => _inner.Transform(input);

    void ICanSaveModel.Save(ModelSaveContext ctx) => _inner.Save(ctx);

    public void Dispose()
    {
        (_inner as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
    }
}
