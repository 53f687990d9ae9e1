using QuiltNet.Graph;

namespace QuiltNet.Runtime;

/// <summary>What a run feeds and scores: the first stage's one float input, and the last stage's first output.</summary>
internal static class PipelineEnds
{
    public static (TensorInfo Input, string Logits) Of(IReadOnlyList<StageSpec> stages)
    {
        if (stages.Count == 0)
            throw new ArgumentException("no stages to run", nameof(stages));
        var first = stages[0];
        if (first.Inputs is not [var input] || ElementTypeNames.Parse(input.ElementType) != ElementType.Float)
            throw new QuiltNetException(first.Name, $"takes {string.Join(", ", first.Inputs.Select(i => $"{i.ElementType} '{i.Name}'"))}; a run feeds one float tensor of images");
        if (stages[^1].Outputs.Count == 0)
            throw new QuiltNetException(stages[^1].Name, "returns no tensor to score");
        return (new TensorInfo(input.Name, ElementType.Float, input.Shape), stages[^1].Outputs[0].Name);
    }
}
