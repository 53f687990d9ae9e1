using QuiltNet.Graph;

namespace QuiltNet.Runtime;

/// <summary>What a run feeds and scores: the first stage's float inputs (the model's, each fed from the data), and the last stage's first output.</summary>
internal static class PipelineEnds
{
    public static (IReadOnlyList<TensorInfo> Inputs, string Logits) Of(IReadOnlyList<StageSpec> stages)
    {
        if (stages.Count == 0)
            throw new ArgumentException("no stages to run", nameof(stages));
        var first = stages[0];
        if (first.Inputs.Count == 0 || first.Inputs.Any(i => ElementTypeNames.Parse(i.ElementType) != ElementType.Float))
            throw new QuiltNetException(first.Name, $"takes {string.Join(", ", first.Inputs.Select(i => $"{i.ElementType} '{i.Name}'"))}; a run feeds float tensors only");
        if (stages[^1].Outputs.Count == 0)
            throw new QuiltNetException(stages[^1].Name, "returns no tensor to score");
        return (first.Inputs.Select(i => new TensorInfo(i.Name, ElementType.Float, i.Shape)).ToList(), stages[^1].Outputs[0].Name);
    }
}
