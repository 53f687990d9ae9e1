namespace QuiltNet.Graph;

/// <summary>ONNX tensor element types (the numbering of <c>TensorProto.DataType</c>).</summary>
public enum ElementType
{
    /// <summary>No element type given.</summary>
    Undefined = 0,
    /// <summary>32-bit IEEE floating point.</summary>
    Float = 1,
    /// <summary>Unsigned 8-bit integer.</summary>
    UInt8 = 2,
    /// <summary>Signed 8-bit integer.</summary>
    Int8 = 3,
    /// <summary>Unsigned 16-bit integer.</summary>
    UInt16 = 4,
    /// <summary>Signed 16-bit integer.</summary>
    Int16 = 5,
    /// <summary>Signed 32-bit integer.</summary>
    Int32 = 6,
    /// <summary>Signed 64-bit integer.</summary>
    Int64 = 7,
    /// <summary>Variable-length string.</summary>
    String = 8,
    /// <summary>Boolean, one byte per element.</summary>
    Bool = 9,
    /// <summary>16-bit IEEE floating point.</summary>
    Float16 = 10,
    /// <summary>64-bit IEEE floating point.</summary>
    Double = 11,
    /// <summary>Unsigned 32-bit integer.</summary>
    UInt32 = 12,
    /// <summary>Unsigned 64-bit integer.</summary>
    UInt64 = 13,
    /// <summary>Complex number of two 32-bit floats.</summary>
    Complex64 = 14,
    /// <summary>Complex number of two 64-bit floats.</summary>
    Complex128 = 15,
    /// <summary>Brain floating point: 8 exponent bits, 7 mantissa bits.</summary>
    BFloat16 = 16,
    /// <summary>8-bit float, 4 exponent and 3 mantissa bits, finite values only.</summary>
    Float8E4M3FN = 17,
    /// <summary>8-bit float, 4 exponent and 3 mantissa bits, finite values only, no negative zero.</summary>
    Float8E4M3FNUZ = 18,
    /// <summary>8-bit float, 5 exponent and 2 mantissa bits.</summary>
    Float8E5M2 = 19,
    /// <summary>8-bit float, 5 exponent and 2 mantissa bits, finite values only, no negative zero.</summary>
    Float8E5M2FNUZ = 20,
    /// <summary>Unsigned 4-bit integer, two per byte.</summary>
    UInt4 = 21,
    /// <summary>Signed 4-bit integer, two per byte.</summary>
    Int4 = 22,
}

/// <summary>Sizes and names of <see cref="ElementType"/> values.</summary>
public static class ElementTypeExtensions
{
    /// <summary>Storage size of one element in bits (4-bit types pack two per byte).</summary>
    public static int Bits(this ElementType type) => type switch
    {
        ElementType.UInt4 or ElementType.Int4 => 4,
        ElementType.Bool or ElementType.UInt8 or ElementType.Int8 or ElementType.Float8E4M3FN
            or ElementType.Float8E4M3FNUZ or ElementType.Float8E5M2 or ElementType.Float8E5M2FNUZ => 8,
        ElementType.UInt16 or ElementType.Int16 or ElementType.Float16 or ElementType.BFloat16 => 16,
        ElementType.Float or ElementType.Int32 or ElementType.UInt32 => 32,
        ElementType.Int64 or ElementType.UInt64 or ElementType.Double or ElementType.Complex64 => 64,
        ElementType.Complex128 => 128,
        _ => 0,
    };

    /// <summary>Bytes taken by <paramref name="elements"/> elements of this type.</summary>
    public static long Bytes(this ElementType type, long elements) => (elements * type.Bits() + 7) / 8;

    /// <summary>Whether the type holds floating-point values (the activations a link carries and an autoencoder can compress).</summary>
    public static bool IsFloatingPoint(this ElementType type) => type is ElementType.Float or ElementType.Double
        or ElementType.Float16 or ElementType.BFloat16 or ElementType.Float8E4M3FN or ElementType.Float8E4M3FNUZ
        or ElementType.Float8E5M2 or ElementType.Float8E5M2FNUZ;

    /// <summary>The lower-case name ONNX uses in its documentation ("float", "int64", ...).</summary>
    public static string OnnxName(this ElementType type) => type switch
    {
        ElementType.Float => "float",
        ElementType.Double => "double",
        ElementType.Float16 => "float16",
        ElementType.BFloat16 => "bfloat16",
        _ => type.ToString().ToLowerInvariant(),
    };
}

/// <summary>Reads element types back from the names QuiltNet writes into manifests.</summary>
public static class ElementTypeNames
{
    /// <summary>The element type named as <see cref="ElementTypeExtensions.OnnxName"/> writes it.</summary>
    public static ElementType Parse(string name) =>
        Enum.GetValues<ElementType>().FirstOrDefault(t => t.OnnxName() == name) is var type && type != ElementType.Undefined
            ? type
            : throw new QuiltNetException("manifest", $"unknown element type '{name}'");
}
