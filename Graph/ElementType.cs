namespace QuiltNet.Graph;

/// <summary>ONNX tensor element types (the numbering of <c>TensorProto.DataType</c>).</summary>
public enum ElementType
{
    Undefined = 0,
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    UInt16 = 4,
    Int16 = 5,
    Int32 = 6,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Float16 = 10,
    Double = 11,
    UInt32 = 12,
    UInt64 = 13,
    Complex64 = 14,
    Complex128 = 15,
    BFloat16 = 16,
    Float8E4M3FN = 17,
    Float8E4M3FNUZ = 18,
    Float8E5M2 = 19,
    Float8E5M2FNUZ = 20,
    UInt4 = 21,
    Int4 = 22,
}

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

public static class ElementTypeNames
{
    /// <summary>The element type named as <see cref="ElementTypeExtensions.OnnxName"/> writes it.</summary>
    public static ElementType Parse(string name) =>
        Enum.GetValues<ElementType>().FirstOrDefault(t => t.OnnxName() == name) is var type && type != ElementType.Undefined
            ? type
            : throw new QuiltNetException("manifest", $"unknown element type '{name}'");
}
