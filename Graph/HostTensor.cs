using Microsoft.ML.OnnxRuntime;

namespace QuiltNet.Graph;

/// <summary>A tensor held in managed memory: its element type, shape and values in a typed array.</summary>
public sealed record HostTensor(ElementType ElementType, long[] Shape, Array Data)
{
    /// <summary>A float tensor of <paramref name="shape"/> over <paramref name="data"/> (row-major, not copied).</summary>
    public static HostTensor Float(long[] shape, float[] data) => new(ElementType.Float, shape, data);

    /// <summary>The most elements a sample tensor may have (1 GiB of floats): more is no shape a model is run on.</summary>
    internal const long MaxSampleElements = 1L << 28;

    /// <summary>The elements of <paramref name="shape"/>, or null when a dimension is negative or they pass <see cref="MaxSampleElements"/> (found without overflow).</summary>
    internal static long? SampleElements(IReadOnlyList<long> shape)
    {
        long count = 1;
        foreach (long dim in shape)
        {
            if (dim < 0 || (dim > 0 && count > MaxSampleElements / dim)) return null;
            count *= dim;
        }
        return count;
    }

    /// <summary>Seeded sample values: uniform [0, 1) for floating types, zero for integers and booleans.</summary>
    public static HostTensor Sample(ElementType type, long[] shape, Random random)
    {
        long count = SampleElements(shape) ?? throw new ArgumentOutOfRangeException(nameof(shape),
            $"shape [{string.Join(", ", shape)}] has a negative dimension or more than {MaxSampleElements} elements");
        return type switch
        {
            ElementType.Float => new(type, shape, Enumerable.Range(0, checked((int)count)).Select(_ => random.NextSingle()).ToArray()),
            ElementType.Double => new(type, shape, Enumerable.Range(0, checked((int)count)).Select(_ => random.NextDouble()).ToArray()),
            ElementType.Int64 => new(type, shape, new long[count]),
            ElementType.Int32 => new(type, shape, new int[count]),
            ElementType.Bool => new(type, shape, new bool[count]),
            ElementType.UInt8 => new(type, shape, new byte[count]),
            ElementType.Int8 => new(type, shape, new sbyte[count]),
            _ => throw new QuiltNetException("input", $"element type {type.OnnxName()} cannot be fed by QuiltNet"),
        };
    }

    internal OrtValue ToOrtValue() => Data switch
    {
        float[] a => OrtValue.CreateTensorValueFromMemory(a, Shape),
        double[] a => OrtValue.CreateTensorValueFromMemory(a, Shape),
        long[] a => OrtValue.CreateTensorValueFromMemory(a, Shape),
        int[] a => OrtValue.CreateTensorValueFromMemory(a, Shape),
        bool[] a => OrtValue.CreateTensorValueFromMemory(a, Shape),
        byte[] a => OrtValue.CreateTensorValueFromMemory(a, Shape),
        sbyte[] a => OrtValue.CreateTensorValueFromMemory(a, Shape),
        Float16[] a => OrtValue.CreateTensorValueFromMemory(a, Shape),
        _ => throw new NotSupportedException($"host tensors of {Data.GetType().Name}"),
    };

    internal static HostTensor? FromOrtValue(OrtValue value)
    {
        if (!value.IsTensor) return null;
        var info = value.GetTensorTypeAndShape();
        var type = (ElementType)(int)info.ElementDataType;
        long[] shape = info.Shape;
        Array data = type switch
        {
            ElementType.Float => value.GetTensorDataAsSpan<float>().ToArray(),
            ElementType.Double => value.GetTensorDataAsSpan<double>().ToArray(),
            ElementType.Int64 => value.GetTensorDataAsSpan<long>().ToArray(),
            ElementType.Int32 => value.GetTensorDataAsSpan<int>().ToArray(),
            ElementType.Bool => value.GetTensorDataAsSpan<bool>().ToArray(),
            ElementType.UInt8 => value.GetTensorDataAsSpan<byte>().ToArray(),
            ElementType.Int8 => value.GetTensorDataAsSpan<sbyte>().ToArray(),
            ElementType.Float16 => value.GetTensorDataAsSpan<Float16>().ToArray(),
            _ => Array.Empty<byte>(), // types QuiltNet never computes with: only their shape matters
        };
        return new HostTensor(type, shape, data);
    }

    /// <summary>The values widened to double, for comparisons.</summary>
    public double[] AsDoubles() => Data switch
    {
        float[] a => Array.ConvertAll(a, v => (double)v),
        double[] a => a,
        long[] a => Array.ConvertAll(a, v => (double)v),
        int[] a => Array.ConvertAll(a, v => (double)v),
        bool[] a => Array.ConvertAll(a, v => v ? 1.0 : 0.0),
        byte[] a => Array.ConvertAll(a, v => (double)v),
        sbyte[] a => Array.ConvertAll(a, v => (double)v),
        Float16[] a => Array.ConvertAll(a, v => (double)(float)v),
        _ => [],
    };
}
