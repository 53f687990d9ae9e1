namespace QuiltNet.Graph.Backward.Rules;

/// <summary>
/// The weight gradient of a convolution, itself computed as one convolution: correlating the input
/// with the output gradient over the batch. With the batch moved into the channel axis, the input
/// [N, C, S…] becomes a batch of C/group images of group·N channels and the output gradient
/// [N, M, O…] a grouped kernel [M, N, O…]; convolving with strides and dilations swapped gives
/// [C/group, M, K…], where K can exceed the kernel by rows the forward windows never reached.
/// </summary>
internal static class ConvWeightGradient
{
    /// <param name="input">The convolution's input [N, C, S…] and its shape as bound.</param>
    /// <param name="outputGrad">The gradient of its output [N, M, O…] and its shape as bound.</param>
    /// <returns>The gradient of the weight [M, C/group, kernel…].</returns>
    /// <param name="e">The emitter of the backward graph.</param>
    /// <param name="geometry">The convolution's window geometry.</param>
    /// <param name="group">The convolution's group count.</param>
    public static string Emit(GraphEmitter e, (string Name, long[] Shape) input, (string Name, long[] Shape) outputGrad, ConvGeometry geometry, long group)
    {
        long[] inputShape = input.Shape, gradShape = outputGrad.Shape;
        int spatial = inputShape.Length - 2;
        long groupChannels = inputShape[1] / group;
        long[] spatialAxes = Enumerable.Range(2, spatial).Select(i => (long)i).ToArray();
        long[] swapFirstTwo = [1, 0, .. spatialAxes];

        string byGroup = e.Reshape(input.Name, e.Int64s(0, group, groupChannels, -1));
        string channelsFirst = e.Transpose(byGroup, [2, 1, 0, 3]);
        string images = e.Reshape(channelsFirst, e.Node("Concat",
            [e.Int64s(groupChannels, -1), e.ShapeRange(input.Name, 2)], Attr.Int("axis", 0)));
        string kernels = e.Transpose(outputGrad.Name, swapFirstTwo);
        var swapped = new ConvGeometry(gradShape[2..], geometry.Dilations, geometry.Strides, geometry.PadsBegin, geometry.PadsEnd);
        string correlation = e.Node("Conv", [images, kernels], swapped.Attributes(Attr.Int("group", group)));

        long[] reached = Enumerable.Range(0, spatial)
            .Select(i => (inputShape[i + 2] + geometry.PadsBegin[i] + geometry.PadsEnd[i] - swapped.Extent(i)) / geometry.Dilations[i] + 1)
            .ToArray();
        string kernelSized = reached.SequenceEqual(geometry.Kernel)
            ? correlation
            : e.Node("Slice", [correlation, e.Int64s(new long[spatial]), e.Int64s(geometry.Kernel), e.Int64s(spatialAxes)]);
        return e.Transpose(kernelSized, swapFirstTwo);
    }
}
