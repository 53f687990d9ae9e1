using System.CommandLine;
using QuiltNet.Graph;

namespace QuiltNet.Cli;

/// <summary>Options several commands take, defined once.</summary>
public static class SharedOptions
{
    public static Option<string[]> InputShape() => new("--input-shape")
    {
        Description = "Bind a model input's shape, NAME=DIMS (e.g. input=1x1x28x28); repeat for several inputs.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<long> Batch() => new("--batch")
    {
        Description = "Value for every dynamic dimension not bound by --input-shape (the batch).",
        DefaultValueFactory = _ => ShapeBindings.DefaultDynamicDim,
    };

    public static Option<bool> Json() => new("--json") { Description = "Write JSON instead of tables." };

    public static ShapeBindings Bindings(ParseResult result, Option<string[]> inputShape, Option<long> batch) =>
        ShapeBindings.Parse(result.GetValue(inputShape) ?? [], result.GetValue(batch));
}
