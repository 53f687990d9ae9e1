namespace QuiltNet.Graph.Backward;

/// <summary>
/// The vector–Jacobian product of one operator: given the gradients arriving at the node's outputs,
/// emits the nodes that compute the gradients of the inputs that need one.
/// </summary>
internal interface IGradientRule
{
    void Emit(GradientContext c);
}
