using QuiltNet.Graph;

namespace QuiltNet.Runtime;

/// <summary>
/// One stage to run: its ONNX file and the tensors it takes and returns, in pipeline order. The outputs'
/// <see cref="ManifestTensor.LinkBits"/> say how many bits per element the link after the stage carries.
/// </summary>
/// <param name="Name">How errors and reports name the stage, e.g. <c>stage 1 (model.stage1.onnx)</c>.</param>
/// <param name="ModelPath">The stage's ONNX file.</param>
/// <param name="Inputs">The tensors it takes.</param>
/// <param name="Outputs">The tensors it returns.</param>
public sealed record StageSpec(string Name, string ModelPath, IReadOnlyList<ManifestTensor> Inputs, IReadOnlyList<ManifestTensor> Outputs);
