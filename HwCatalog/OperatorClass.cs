namespace QuiltNet.HwCatalog;

/// <summary>The kinds of matrix operator whose MAC rate a calibration measures apart: each runs a different kernel.</summary>
public enum OperatorClass
{
    /// <summary>A k×k convolution (k above 1) over all input channels.</summary>
    Convolution,

    /// <summary>A 1×1 convolution: a matrix product over the channels.</summary>
    Pointwise,

    /// <summary>A convolution with one input channel per group.</summary>
    Depthwise,

    /// <summary>Gemm and MatMul with constant weights, which ONNX Runtime packs once.</summary>
    MatMul,

    /// <summary>A MatMul of two activations (attention's scores and weighted values): nothing to pack ahead, often batched over heads.</summary>
    ActivationMatMul,
}
