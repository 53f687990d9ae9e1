using System.Runtime.InteropServices;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using QuiltNet.Graph;
using QuiltNet.Runtime.Distributed.Protocol;

namespace QuiltNet.Runtime.Distributed;

/// <summary>
/// Host tensors as they cross a link between machines: raw little-endian elements at the link's precision,
/// so a 4-bit code costs half a byte per element on the wire, as the cost model and the in-process run count it.
/// </summary>
internal static class TensorCodec
{
    public static Tensor Encode(string name, HostTensor tensor, int bits)
    {
        var message = new Tensor { Name = name, ElementType = (int)tensor.ElementType, Bits = bits };
        message.Shape.Add(tensor.Shape);
        message.Data = bits == 4 && tensor.Data is byte[] codes
            ? UnsafeByteOperations.UnsafeWrap(PackNibbles(codes))
            : ByteString.CopyFrom(Bytes(tensor.Data));
        return message;
    }

    public static HostTensor Decode(Tensor message)
    {
        var type = (ElementType)message.ElementType;
        long[] shape = message.Shape.ToArray();
        long count = shape.Aggregate(1L, (p, d) => p * d);
        var bytes = message.Data.Span;
        if (message.Bits == 4 && type == ElementType.UInt8)
        {
            if (bytes.Length != (count + 1) / 2)
                throw new InvalidDataException($"tensor '{message.Name}': {bytes.Length} bytes for {count} 4-bit codes");
            return new HostTensor(type, shape, UnpackNibbles(bytes, checked((int)count)));
        }
        Array data = type switch
        {
            ElementType.Float => Cast<float>(bytes, count, message.Name),
            ElementType.Double => Cast<double>(bytes, count, message.Name),
            ElementType.Int64 => Cast<long>(bytes, count, message.Name),
            ElementType.Int32 => Cast<int>(bytes, count, message.Name),
            ElementType.UInt8 => Cast<byte>(bytes, count, message.Name),
            ElementType.Int8 => Cast<sbyte>(bytes, count, message.Name),
            ElementType.Bool => Cast<bool>(bytes, count, message.Name),
            ElementType.Float16 => Cast<Float16>(bytes, count, message.Name),
            _ => throw new InvalidDataException($"tensor '{message.Name}': element type {message.ElementType} cannot cross a link"),
        };
        return new HostTensor(type, shape, data);
    }

    /// <summary>Bytes these tensors take on a link, as <see cref="Encode"/> writes them.</summary>
    public static long LinkBytes(Batch batch) => batch.Tensors.Sum(t => (long)t.Data.Length);

    private static ReadOnlySpan<byte> Bytes(Array data) => data switch
    {
        float[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        double[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        long[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        int[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        byte[] a => a,
        sbyte[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        bool[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        Float16[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        _ => throw new NotSupportedException($"tensors of {data.GetType().Name} cannot cross a link"),
    };

    private static T[] Cast<T>(ReadOnlySpan<byte> bytes, long count, string name) where T : struct
    {
        var values = MemoryMarshal.Cast<byte, T>(bytes);
        if (values.Length != count || bytes.Length % Marshal.SizeOf<T>() != 0)
            throw new InvalidDataException($"tensor '{name}': {bytes.Length} bytes for {count} elements of {typeof(T).Name}");
        return values.ToArray();
    }

    private static byte[] PackNibbles(byte[] codes)
    {
        var packed = new byte[(codes.Length + 1) / 2];
        for (int i = 0; i < codes.Length; i++)
            packed[i / 2] |= (byte)((codes[i] & 0xF) << (i % 2 * 4));
        return packed;
    }

    private static byte[] UnpackNibbles(ReadOnlySpan<byte> packed, int count)
    {
        var codes = new byte[count];
        for (int i = 0; i < count; i++)
            codes[i] = (byte)((packed[i / 2] >> (i % 2 * 4)) & 0xF);
        return codes;
    }
}
