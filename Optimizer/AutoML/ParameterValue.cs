using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QuiltNet.Optimizer.AutoML;

/// <summary>
/// One parameter's value: a number or a string. Every parameter kind needs only these two (integers are
/// whole numbers, choices are strings or numbers), and keeping them apart from <c>object</c> lets
/// <see cref="Parameters"/> compare by value and round-trip through the trials journal exactly.
/// </summary>
[JsonConverter(typeof(ParameterValueJsonConverter))]
public readonly record struct ParameterValue
{
    private readonly double number;
    private readonly string? text;

    private ParameterValue(double number, string? text)
    {
        this.number = number;
        this.text = text;
    }

    /// <summary>A numeric value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="number"/> is not finite.</exception>
    public static ParameterValue Of(double number) =>
        double.IsFinite(number) ? new(number, null) : throw new ArgumentOutOfRangeException(nameof(number), number, "a parameter value must be finite");

    /// <summary>A string value.</summary>
    public static ParameterValue Of(string text) => new(0, text ?? throw new ArgumentNullException(nameof(text)));

    /// <summary>A numeric value, as <see cref="Of(double)"/> makes it.</summary>
    public static implicit operator ParameterValue(double number) => Of(number);

    /// <summary>A numeric value, as <see cref="Of(double)"/> makes it.</summary>
    public static implicit operator ParameterValue(int number) => Of(number);

    /// <summary>A string value, as <see cref="Of(string)"/> makes it.</summary>
    public static implicit operator ParameterValue(string text) => Of(text);

    /// <summary>Whether the value is a number rather than a string.</summary>
    public bool IsNumber => text is null;

    /// <summary>The value as a number.</summary>
    /// <exception cref="InvalidOperationException">The value is a string.</exception>
    public double AsDouble() => text is null ? number : throw new InvalidOperationException($"'{text}' is a string, not a number");

    /// <summary>The value as a whole number.</summary>
    /// <exception cref="InvalidOperationException">The value is a string, or a number with a fraction or out of the range of <see cref="int"/>.</exception>
    public int AsInt()
    {
        double value = AsDouble();
        return value == Math.Floor(value) && value >= int.MinValue && value <= int.MaxValue
            ? (int)value
            : throw new InvalidOperationException($"{Format(value)} is not a whole number");
    }

    /// <summary>The value as a string.</summary>
    /// <exception cref="InvalidOperationException">The value is a number.</exception>
    public string AsString() => text ?? throw new InvalidOperationException($"{Format(number)} is a number, not a string");

    /// <summary>The string, or the number in invariant culture with round-trip precision.</summary>
    public override string ToString() => text ?? Format(number);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>Writes a <see cref="ParameterValue"/> as a JSON number or string, whichever it is.</summary>
internal sealed class ParameterValueJsonConverter : JsonConverter<ParameterValue>
{
    public override ParameterValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => ParameterValue.Of(reader.GetDouble()),
        JsonTokenType.String => ParameterValue.Of(reader.GetString()!),
        _ => throw new JsonException($"a parameter value is a number or a string, not {reader.TokenType}"),
    };

    public override void Write(Utf8JsonWriter writer, ParameterValue value, JsonSerializerOptions options)
    {
        if (value.IsNumber) writer.WriteNumberValue(value.AsDouble());
        else writer.WriteStringValue(value.AsString());
    }
}
