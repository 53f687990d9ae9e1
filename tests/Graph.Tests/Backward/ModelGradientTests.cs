using QuiltNet.Graph.Backward;

namespace QuiltNet.Graph.Tests.Backward;

/// <summary>
/// Whole blocks of the kinds the example models are made of. Relu and MaxPool kinks sit anywhere
/// inside a CNN, where ε = 1e-2 steps cross some of them: its checks leave out the elements whose
/// one-sided differences disagree (a kink) and hold the rest to a relative L2 error of 2e-3. The
/// smooth blocks use the defaults (ε = 1e-2, 1e-3).
/// </summary>
public sealed class ModelGradientTests
{
    private static readonly GradientCheck Kinked = new(Tolerance: 2e-3, SkipKinks: true);
    private static readonly GradientCheck Smooth = new();

    /// <summary>conv → relu → maxpool → conv → global average pool → flatten → gemm, frozen weights.</summary>
    private static OpModel SmallCnn(HostTensor input, long[]? declared = null)
    {
        var random = new Random(20);
        HostTensor Weight(params long[] shape) => Values.Uniform(random, shape, -0.5, 0.5);
        return new OpModel()
            .Input("x", input, declared)
            // A positive first bias keeps most Relu outputs above 0: windows of zeros tie in MaxPool.
            .Constant("w1", Weight(4, 1, 3, 3)).Constant("b1", Values.Uniform(random, [4], 0.5, 1))
            .Constant("w2", Weight(6, 4, 3, 3)).Constant("b2", Weight(6))
            .Constant("fc", Weight(3, 6)).Constant("fc_bias", Weight(3))
            .Node("Conv", ["x", "w1", "b1"], ["c1"], Attr.Ints("pads", [1, 1, 1, 1]))
            .Node("Relu", ["c1"], ["r1"])
            .Node("MaxPool", ["r1"], ["p1"], Attr.Ints("kernel_shape", [2, 2]), Attr.Ints("strides", [2, 2]))
            .Node("Conv", ["p1", "w2", "b2"], ["c2"], Attr.Ints("pads", [1, 1, 1, 1]))
            .Node("GlobalAveragePool", ["c2"], ["g"])
            .Node("Flatten", ["g"], ["f"])
            .Node("Gemm", ["f", "fc", "fc_bias"], ["logits"], Attr.Int("transB", 1))
            .Output("logits");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Small_cnn_input_gradient_matches_finite_differences(int seed)
    {
        var model = SmallCnn(Values.Uniform(new Random(seed), [1, 1, 8, 8], -1, 1));
        Kinked.Verify(model.Build(), model.Values, ["x"], seed);
    }

    [Fact]
    public void A_dynamic_batch_stays_dynamic_in_the_backward_graph()
    {
        // Shapes are bound at batch 1; the backward graph runs at batch 3.
        var model = SmallCnn(Values.Uniform(new Random(4), [3, 1, 8, 8], -1, 1), declared: [-1, 1, 8, 8]);
        Kinked.Verify(model.Build(), model.Values, ["x"], seed: 4);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Autoencoder_weights_given_as_inputs_get_gradients_through_a_frozen_model(int seed)
    {
        var random = new Random(seed);
        var model = new OpModel()
            .Input("x", Values.Uniform(random, [2, 4, 4, 4], -1, 1))
            .Input("encoder", Values.Uniform(random, [2, 4, 1, 1], -0.5, 0.5))
            .Input("encoder_bias", Values.Uniform(random, [2], -0.5, 0.5))
            .Input("decoder", Values.Uniform(random, [4, 2, 1, 1], -0.5, 0.5))
            .Input("decoder_bias", Values.Uniform(random, [4], -0.5, 0.5))
            .Constant("frozen", Values.Uniform(random, [5, 4, 3, 3], -0.5, 0.5))
            .Constant("head", Values.Uniform(random, [5, 3], -0.5, 0.5))
            .Node("Conv", ["x", "encoder", "encoder_bias"], ["code"])
            .Node("Conv", ["code", "decoder", "decoder_bias"], ["decoded"])
            .Node("Conv", ["decoded", "frozen"], ["features"], Attr.Ints("pads", [1, 1, 1, 1]), Attr.Ints("strides", [2, 2]))
            .Node("Tanh", ["features"], ["active"])
            .Node("GlobalAveragePool", ["active"], ["pooled"])
            .Node("Flatten", ["pooled"], ["flat"])
            .Node("MatMul", ["flat", "head"], ["logits"])
            .Output("logits");
        Smooth.Verify(model.Build(), model.Values, ["encoder", "encoder_bias", "decoder", "decoder_bias"], seed);
    }

    /// <summary>
    /// A pre-norm transformer block as the ViT exports it: LayerNormalization, Q/K/V projections,
    /// heads split by a Reshape whose target is computed from Shape/Gather/Concat, attention with
    /// MatMul, Transpose and Softmax, a residual Add, an Erf-based GELU MLP and a token mean.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Attention_block_gradients_match_finite_differences(int seed)
    {
        const long tokens = 4, width = 8, heads = 2, head = width / heads;
        var random = new Random(seed);
        HostTensor Weight(params long[] shape) => Values.Uniform(random, shape, -0.5, 0.5);
        HostTensor Scalar(float value) => HostTensor.Float([], [value]);
        var model = new OpModel()
            .Input("x", Values.Uniform(random, [1, tokens, width], -1, 1))
            .Input("gamma", Values.Uniform(random, [width], 0.5, 1.5)).Input("beta", Weight(width))
            .Input("wq", Weight(width, width)).Input("wk", Weight(width, width)).Input("wv", Weight(width, width))
            .Input("bq", Weight(width)).Input("wo", Weight(width, width))
            .Input("w1", Weight(width, 2 * width)).Input("w2", Weight(2 * width, width))
            .Constant("scale", Scalar(0.5f)).Constant("half", Scalar(0.5f)).Constant("one", Scalar(1f)).Constant("root_half", Scalar(MathF.Sqrt(0.5f)))
            .Int64s("zero", 0).Int64s("split_dims", tokens, heads, head).Int64s("merged_dims", tokens, width)
            .Node("LayerNormalization", ["x", "gamma", "beta"], ["n"], Attr.Int("axis", -1))
            .Node("MatMul", ["n", "wq"], ["q0"]).Node("Add", ["q0", "bq"], ["q1"]).Node("Mul", ["q1", "scale"], ["q2"])
            .Node("MatMul", ["n", "wk"], ["k0"]).Node("MatMul", ["n", "wv"], ["v0"])
            .Node("Shape", ["x"], ["x_shape"]).Node("Gather", ["x_shape", "zero"], ["batch"], Attr.Int("axis", 0))
            .Node("Concat", ["batch", "split_dims"], ["heads_shape"], Attr.Int("axis", 0))
            .Node("Concat", ["batch", "merged_dims"], ["merged_shape"], Attr.Int("axis", 0))
            .Node("Reshape", ["q2", "heads_shape"], ["q3"]).Node("Transpose", ["q3"], ["q"], Attr.Ints("perm", [0, 2, 1, 3]))
            .Node("Reshape", ["k0", "heads_shape"], ["k1"]).Node("Transpose", ["k1"], ["kt"], Attr.Ints("perm", [0, 2, 3, 1]))
            .Node("Reshape", ["v0", "heads_shape"], ["v1"]).Node("Transpose", ["v1"], ["v"], Attr.Ints("perm", [0, 2, 1, 3]))
            .Node("MatMul", ["q", "kt"], ["scores"]).Node("Softmax", ["scores"], ["attention"], Attr.Int("axis", -1))
            .Node("MatMul", ["attention", "v"], ["mixed"]).Node("Transpose", ["mixed"], ["mixed_t"], Attr.Ints("perm", [0, 2, 1, 3]))
            .Node("Reshape", ["mixed_t", "merged_shape"], ["merged"]).Node("MatMul", ["merged", "wo"], ["projected"])
            .Node("Add", ["x", "projected"], ["residual"])
            .Node("MatMul", ["residual", "w1"], ["hidden"])
            .Node("Mul", ["hidden", "root_half"], ["scaled"]).Node("Erf", ["scaled"], ["erf"]).Node("Add", ["erf", "one"], ["cdf"])
            .Node("Mul", ["hidden", "cdf"], ["gated"]).Node("Mul", ["gated", "half"], ["gelu"])
            .Node("MatMul", ["gelu", "w2"], ["mlp"]).Node("Add", ["residual", "mlp"], ["out"])
            .Node("ReduceMean", ["out"], ["pooled"], Attr.Ints("axes", [1]), Attr.Int("keepdims", 0))
            .Output("pooled");
        Smooth.Verify(model.Build(), model.Values, ["x", "wq", "gamma", "w1"], seed);
    }

    [Fact]
    public void Gradients_of_a_tensor_read_by_several_nodes_add_up()
    {
        var model = new OpModel()
            .Input("x", Values.Uniform(new Random(9), [2, 3], -1, 1))
            .Node("Mul", ["x", "x"], ["square"])
            .Node("Sigmoid", ["x"], ["s"])
            .Node("Add", ["square", "s"], ["y"])
            .Node("Tanh", ["x"], ["z"])
            .Output("y").Output("z");
        var backward = Smooth.Verify(model.Build(), model.Values, ["x"]);
        Assert.Contains(backward.Model.Graph.Node, n => n.OpType == "Sum" && n.Input.Count == 4);
    }

    [Fact]
    public void An_intermediate_tensor_can_be_asked_for_its_gradient()
    {
        var model = new OpModel()
            .Input("x", Values.Uniform(new Random(10), [5], -1, 1))
            .Node("Tanh", ["x"], ["h"])
            .Node("Mul", ["h", "h"], ["y"])
            .Output("y");
        var forward = model.Build();
        var backward = BackwardGraph.Build(forward, ["x", "h"], TensorShapeInference.Infer(OnnxGraph.FromModel(forward, "test")));

        using var runner = new OnnxRunner(OrtSessions.Open(Google.Protobuf.MessageExtensions.ToByteArray(backward.Model)));
        var ones = HostTensor.Float([5], [1, 1, 1, 1, 1]);
        var results = runner.Run(new Dictionary<string, HostTensor>(model.Values) { [backward.UpstreamGradients["y"]] = ones });
        var x = model.Values["x"].AsDoubles();
        var dh = results[backward.Gradients["h"]].AsDoubles();
        var dx = results[backward.Gradients["x"]].AsDoubles();
        for (int i = 0; i < x.Length; i++)
        {
            double h = Math.Tanh(x[i]);
            Assert.Equal(2 * h, dh[i], 5);
            Assert.Equal(2 * h * (1 - h * h), dx[i], 5);
        }
    }
}
