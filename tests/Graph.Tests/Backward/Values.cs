namespace QuiltNet.Graph.Tests.Backward;

/// <summary>Seeded test tensors, shaped to keep finite differences away from kinks.</summary>
internal static class Values
{
    public static HostTensor Uniform(Random random, long[] shape, double low, double high) =>
        Uniform(random, ElementType.Float, shape, low, high);

    public static HostTensor Uniform(Random random, ElementType type, long[] shape, double low, double high) =>
        Make(type, shape, Enumerable.Range(0, Count(shape)).Select(_ => low + (high - low) * random.NextDouble()));

    /// <summary>Uniform in [low, high) but at least <paramref name="margin"/> from every kink.</summary>
    public static HostTensor AwayFrom(Random random, long[] shape, double low, double high, double margin, params double[] kinks)
    {
        double Draw()
        {
            while (true)
            {
                double v = low + (high - low) * random.NextDouble();
                if (kinks.All(k => Math.Abs(v - k) >= margin))
                    return v;
            }
        }
        return Make(ElementType.Float, shape, Enumerable.Range(0, Count(shape)).Select(_ => Draw()));
    }

    /// <summary>A shuffled arithmetic sequence: every two elements differ by at least <paramref name="spacing"/> (no max-pooling ties).</summary>
    public static HostTensor Distinct(Random random, long[] shape, double spacing)
    {
        int count = Count(shape);
        var order = Enumerable.Range(0, count).OrderBy(_ => random.Next()).ToArray();
        return Make(ElementType.Float, shape, order.Select(i => (i - count / 2.0) * spacing));
    }

    /// <summary>A copy with element <paramref name="index"/> moved by <paramref name="delta"/>.</summary>
    public static HostTensor Nudged(HostTensor tensor, int index, double delta)
    {
        switch (tensor.Data)
        {
            case float[] floats:
                var f = (float[])floats.Clone();
                f[index] += (float)delta;
                return tensor with { Data = f };
            case double[] doubles:
                var d = (double[])doubles.Clone();
                d[index] += delta;
                return tensor with { Data = d };
            default:
                throw new ArgumentException($"cannot nudge {tensor.ElementType} tensors");
        }
    }

    /// <summary>A copy moved by <paramref name="step"/> along <paramref name="direction"/> (one entry per element).</summary>
    public static HostTensor Moved(HostTensor tensor, double[] direction, double step) => tensor.Data switch
    {
        float[] floats => tensor with { Data = floats.Select((v, i) => (float)(v + step * direction[i])).ToArray() },
        double[] doubles => tensor with { Data = doubles.Select((v, i) => v + step * direction[i]).ToArray() },
        _ => throw new ArgumentException($"cannot move {tensor.ElementType} tensors"),
    };

    private static HostTensor Make(ElementType type, long[] shape, IEnumerable<double> values) => type switch
    {
        ElementType.Float => new HostTensor(type, shape, values.Select(v => (float)v).ToArray()),
        ElementType.Double => new HostTensor(type, shape, values.ToArray()),
        _ => throw new ArgumentException($"no test values of {type}"),
    };

    private static int Count(long[] shape) => checked((int)shape.Aggregate(1L, (p, d) => p * d));
}
