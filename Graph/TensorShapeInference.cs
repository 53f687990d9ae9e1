using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace QuiltNet.Graph;

/// <summary>
/// Finds the exact type and shape of every tensor with one ONNX Runtime run of the model with all its
/// intermediate tensors exposed as outputs. Where the model has dynamic dimensions a second run with
/// them grown by one tells which intermediate dimensions follow them. When ONNX Runtime cannot run the
/// model (an operator it does not know), shapes come from the model's value_info annotations.
/// </summary>
public static class TensorShapeInference
{
    /// <summary>Finds the element type and shape of every tensor of <paramref name="graph"/> with its dynamic dimensions bound by <paramref name="bindings"/> (a batch of one when null).</summary>
    public static TensorShapes Infer(OnnxGraph graph, ShapeBindings? bindings = null)
    {
        bindings ??= new ShapeBindings();
        GraphMetrics.Count(GraphMetrics.ShapeInferences, graph.Path);
        var unknown = bindings.InputShapes.Keys.Where(k => !graph.Inputs.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"model {Path.GetFileName(graph.Path)} has no input '{unknown[0]}' (inputs: {string.Join(", ", graph.Inputs)})", nameof(bindings));
        var inputs = graph.Inputs.Select(name => BindInput(graph, name, bindings, grow: 0)).ToList();
        bool dynamic = inputs.Any(i => i.SymbolicDims.Any(d => d is not null));

        byte[] exposed;
        try
        {
            exposed = graph.WithOutputs(graph.Model.Graph.Node.SelectMany(n => n.Output).Where(o => o.Length > 0));
        }
        catch (InvalidOperationException e)
        {
            throw new QuiltNetException(graph.Path, $"model too large to re-serialise for the shape run ({OnnxGraph.FirstLine(e.Message)})");
        }

        OnnxRunner session;
        try
        {
            session = new OnnxRunner(OrtSessions.Open(exposed, optimize: false));
        }
        catch (OnnxRuntimeException e)
        {
            return FromValueInfo(graph, inputs, OnnxRunner.Plain(e.Message));
        }
        using (session)
        {
            Dictionary<string, TensorInfo> found;
            try
            {
                foreach (var input in inputs)
                    if (HostTensor.SampleElements(input.Shape) is null)
                        throw new QuiltNetException(graph.Path, $"input '{input.Name}' has the shape [{string.Join(", ", input.Shape)}]: a negative dimension or more than {HostTensor.MaxSampleElements} elements to run the model on; bind its dimensions (NAME=DIMS)");
                found = Measure(session, inputs);
            }
            catch (OnnxRuntimeException e)
            {
                throw new QuiltNetException(graph.Path, $"shapes cannot be found: ONNX Runtime failed on inputs {Describe(inputs)} ({OnnxRunner.Plain(e.Message)}); bind the inputs' shapes (NAME=DIMS)");
            }
            if (dynamic)
                MarkSymbolicDims(graph, bindings, inputs, session, found);
            AddInitializers(graph, found);
            return new TensorShapes(found, inputs.Select(i => found.GetValueOrDefault(i.Name, i)).ToList(), "onnxruntime");
        }
    }

    // grow is added to the value of every dynamic dimension, or with batchOnly to the first alone.
    private static TensorInfo BindInput(OnnxGraph graph, string name, ShapeBindings bindings, int grow, bool batchOnly = false)
    {
        var declared = graph.DeclaredInput(name)!;
        if (declared.Type?.TensorType is not { } tensorType)
            throw new QuiltNetException(graph.Path, $"input '{name}' is not a tensor; QuiltNet feeds tensors only");
        var type = (ElementType)tensorType.ElemType;
        var dims = tensorType.Shape?.Dim.ToList();
        bindings.InputShapes.TryGetValue(name, out var given);
        if (dims is null)
        {
            if (given is null)
                throw new ArgumentException($"{Path.GetFileName(graph.Path)}: input '{name}' declares no shape; bind it as {name}=DIMS", nameof(bindings));
            return new TensorInfo(name, type, given);
        }
        if (given is not null && given.Length != dims.Count)
            throw new ArgumentException($"input '{name}' has rank {dims.Count}, but {string.Join('x', given)} has rank {given.Length}", nameof(bindings));
        var shape = new long[dims.Count];
        var symbolic = new string?[dims.Count];
        for (int i = 0; i < dims.Count; i++)
        {
            var dim = dims[i];
            bool isFixed = dim.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && dim.DimValue > 0;
            if (isFixed && given is not null && given[i] != dim.DimValue)
                throw new ArgumentException($"input '{name}' has fixed dimension {i} = {dim.DimValue}, but {string.Join('x', given)} gives {given[i]}", nameof(bindings));
            if (isFixed)
            {
                shape[i] = dim.DimValue;
                continue;
            }
            // A dimension the model leaves dynamic stays dynamic in its stages, whatever value binds it here.
            shape[i] = (given?[i] ?? (bindings.SymbolicValues.TryGetValue(name, out var values) && values.Length == dims.Count ? values[i] : bindings.DynamicDim))
                + (batchOnly && i > 0 ? 0 : grow);
            symbolic[i] = string.IsNullOrEmpty(dim.DimParam) ? $"{name}_dim{i}" : dim.DimParam;
        }
        return new TensorInfo(name, type, shape) { SymbolicDims = symbolic };
    }

    private static Dictionary<string, TensorInfo> Measure(OnnxRunner session, IReadOnlyList<TensorInfo> inputs)
    {
        var random = new Random(17);
        var feeds = inputs.ToDictionary(i => i.Name, i => HostTensor.Sample(i.ElementType, i.Shape.ToArray(), random));
        var found = new Dictionary<string, TensorInfo>();
        foreach (var input in inputs) found[input.Name] = input;
        foreach (var (name, tensor) in session.Run(feeds))
            found[name] = new TensorInfo(name, tensor.ElementType, tensor.Shape);
        return found;
    }

    private static void MarkSymbolicDims(OnnxGraph graph, ShapeBindings bindings, IReadOnlyList<TensorInfo> inputs, OnnxRunner session, Dictionary<string, TensorInfo> found)
    {
        var symbols = inputs.SelectMany(i => i.SymbolicDims).OfType<string>().Distinct().ToList();
        string symbol = symbols.Count == 1 ? symbols[0] : "dynamic";
        // Every dynamic dimension one larger; where the model only runs at the bound height and width (a detector
        // whose maps must halve evenly), the batch alone one larger, so its stages still take any batch.
        var second = GrownRun(graph, bindings, session, batchOnly: false) ?? GrownRun(graph, bindings, session, batchOnly: true);
        if (second is null)
            return; // The model only runs at the bound size: its stages keep fixed shapes.
        foreach (var (name, info) in found.ToList())
        {
            if (second.GetValueOrDefault(name) is not { } other || other.Shape.Count != info.Shape.Count)
                continue;
            var dims = info.Shape.Select((d, i) => d != other.Shape[i] ? symbol : null).ToArray();
            if (dims.Any(d => d is not null))
                found[name] = info with { SymbolicDims = dims };
        }
        foreach (var input in inputs)
            found[input.Name] = found[input.Name] with { SymbolicDims = input.SymbolicDims };
    }

    private static Dictionary<string, TensorInfo>? GrownRun(OnnxGraph graph, ShapeBindings bindings, OnnxRunner session, bool batchOnly)
    {
        try
        {
            return Measure(session, graph.Inputs.Select(name => BindInput(graph, name, bindings, grow: 1, batchOnly)).ToList());
        }
        catch (OnnxRuntimeException)
        {
            return null;
        }
    }

    private static TensorShapes FromValueInfo(OnnxGraph graph, IReadOnlyList<TensorInfo> inputs, string ortError)
    {
        var dimValues = new Dictionary<string, long>();
        foreach (var input in inputs)
            for (int i = 0; i < input.Shape.Count; i++)
                if (input.SymbolicDims.ElementAtOrDefault(i) is { } symbol)
                    dimValues[symbol] = input.Shape[i];

        var found = inputs.ToDictionary(i => i.Name);
        var graphProto = graph.Model.Graph;
        foreach (var info in graphProto.ValueInfo.Concat(graphProto.Output))
            if (FromAnnotation(info, dimValues) is { } tensor)
                found[tensor.Name] = tensor;
        AddInitializers(graph, found);

        var missing = graph.Nodes.SelectMany(n => n.Outputs).Where(o => o.Length > 0 && !found.ContainsKey(o)).ToList();
        if (missing.Count > 0)
            throw new QuiltNetException(graph.Path, $"shapes cannot be found: ONNX Runtime cannot run the model ({ortError}) and value_info lacks {missing.Count} tensor(s), first '{missing[0]}'");
        return new TensorShapes(found, inputs, "value_info");
    }

    private static void AddInitializers(OnnxGraph graph, Dictionary<string, TensorInfo> found)
    {
        foreach (var initializer in graph.Model.Graph.Initializer)
            found[initializer.Name] = new TensorInfo(initializer.Name, (ElementType)initializer.DataType, initializer.Dims.ToArray());
    }

    private static TensorInfo? FromAnnotation(ValueInfoProto info, IReadOnlyDictionary<string, long> dimValues)
    {
        if (info.Type?.TensorType is not { Shape: not null } tensorType)
            return null;
        var shape = new long[tensorType.Shape.Dim.Count];
        var symbolic = new string?[shape.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            var dim = tensorType.Shape.Dim[i];
            if (dim.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue) shape[i] = dim.DimValue;
            else if (dimValues.TryGetValue(dim.DimParam, out long value)) (shape[i], symbolic[i]) = (value, dim.DimParam);
            else return null;
        }
        return new TensorInfo(info.Name, (ElementType)tensorType.ElemType, shape) { SymbolicDims = symbolic };
    }

    private static string Describe(IEnumerable<TensorInfo> inputs) => string.Join(", ", inputs.Select(i => $"{i.Name}={i.ShapeText}"));
}
