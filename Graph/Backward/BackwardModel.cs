using Onnx;

namespace QuiltNet.Graph.Backward;

/// <summary>
/// A generated backward graph. It takes the forward model's inputs plus one upstream gradient per
/// forward output that depends on a requested tensor, recomputes the forward pass, and returns the
/// forward outputs plus the gradient of the sum over outputs of ⟨upstream, output⟩ with respect to
/// each requested tensor.
/// </summary>
/// <param name="UpstreamGradients">Forward output → the input that takes its upstream gradient
/// (same shape and type). Outputs that no requested tensor reaches take none.</param>
/// <param name="Gradients">Requested tensor → the output holding its gradient (zeros when the
/// tensor reaches no output).</param>
/// <param name="Model">The backward graph as an ONNX model.</param>
public sealed record BackwardModel(
    ModelProto Model,
    IReadOnlyDictionary<string, string> UpstreamGradients,
    IReadOnlyDictionary<string, string> Gradients);
