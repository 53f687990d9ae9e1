using System.Text.Json;

namespace QuiltNet.HwCatalog.Loading;

/// <summary>
/// Reads the fields of one JSON object, tolerantly: a field that is missing or of the wrong JSON type only marks the
/// entry incomplete, because the schema reports it. What the schema cannot say well (an unknown unit, a unit of the
/// wrong dimension, a figure that is neither number nor object, an unknown enum value) is reported here, at the field.
/// </summary>
internal sealed class EntryReader(JsonElement entry, string path, List<CatalogProblem> problems)
{
    public string Path => path;

    /// <summary>False once any field could not be read; the entry is then not built.</summary>
    public bool Complete { get; private set; } = true;

    public string PathOf(string property) => JsonPath.Property(path, property);

    public void Report(string property, string message) => problems.Add(new CatalogProblem(PathOf(property), message));

    public string Text(string property) => OptionalText(property) ?? Incomplete("");

    public string? OptionalText(string property) =>
        Field(property) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public int? OptionalInteger(string property) =>
        Field(property) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var number) ? number : null;

    public TEnum Choice<TEnum>(string property)
        where TEnum : struct, Enum =>
        OptionalChoice<TEnum>(property) ?? Incomplete(default(TEnum));

    /// <summary>An enum written in camelCase, e.g. <c>fullyConnected</c>; null when missing or not one of the names.</summary>
    public TEnum? OptionalChoice<TEnum>(string property)
        where TEnum : struct, Enum
    {
        if (OptionalText(property) is not { } text) return null;

        var names = Enum.GetNames<TEnum>().ToDictionary(name => JsonNamingPolicy.CamelCase.ConvertName(name), Enum.Parse<TEnum>);
        if (names.TryGetValue(text, out var value)) return value;

        Report(property, $"'{text}' is not allowed; expected one of {string.Join(", ", names.Keys)}");
        return null;
    }

    /// <summary>A figure: a bare number in <paramref name="canonical"/>, or an object with value, unit, quality and note.</summary>
    public Figure Figure(string property, Unit canonical)
    {
        var figure = Field(property) switch
        {
            null => Incomplete<Figure?>(null),
            { ValueKind: JsonValueKind.Number } number => new Figure(number.GetDouble(), FigureQuality.Approximate, null),
            { ValueKind: JsonValueKind.Object } fields => FigureObject(new EntryReader(fields, PathOf(property), problems), property, canonical),
            _ => Incomplete<Figure?>(null, property, $"expected a number in {canonical.Symbol} or an object {{ \"value\", \"unit\", \"quality\", \"note\" }}"),
        };

        // JSON numbers such as 1e400, or a unit that scales past double, end up infinite.
        return figure switch
        {
            null => Incomplete(default(Figure)),
            { Value: var value } when !double.IsFinite(value) => Incomplete(default(Figure), property, $"is too large: {value} {canonical.Symbol}"),
            { } finite => finite,
        };
    }

    /// <summary>A figure that may be left out: then 0 in <paramref name="canonical"/>, approximate, with <paramref name="absent"/> as its note.</summary>
    public Figure OptionalFigure(string property, Unit canonical, string absent) =>
        Field(property) is null ? new Figure(0, FigureQuality.Approximate, absent) : Figure(property, canonical);

    /// <summary>A plain number, or null (and incomplete) when missing or not a number.</summary>
    public double Number(string property) =>
        Field(property) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : Incomplete(0.0);

    private Figure? FigureObject(EntryReader figure, string property, Unit canonical)
    {
        var value = figure.Field("value") is { ValueKind: JsonValueKind.Number } given ? given.GetDouble() : figure.Incomplete(0.0);
        var unit = figure.UnitOf("unit", property, canonical);
        var quality = figure.OptionalChoice<FigureQuality>("quality") ?? FigureQuality.Approximate;
        var note = figure.OptionalText("note");
        return figure.Complete ? new Figure(Units.Convert(value, unit, canonical), quality, note) : Incomplete<Figure?>(null);
    }

    /// <summary>The array's items with their paths; none when the array is missing (the schema says so if it must be there).</summary>
    public IEnumerable<EntryReader> Items(string property)
    {
        if (Field(property) is not { ValueKind: JsonValueKind.Array } array) return [];

        var arrayPath = PathOf(property);
        return array.EnumerateArray().Select((item, index) => new EntryReader(item, JsonPath.Index(arrayPath, index), problems));
    }

    /// <summary>The object held by <paramref name="property"/>, or null (and incomplete) when there is none.</summary>
    public EntryReader? Child(string property) =>
        Field(property) is { ValueKind: JsonValueKind.Object } child ? new EntryReader(child, PathOf(property), problems) : Incomplete<EntryReader?>(null);

    /// <summary>The object held by <paramref name="property"/>, or null when there is none (the schema says whether it may be missing).</summary>
    public EntryReader? OptionalChild(string property) =>
        Field(property) is { ValueKind: JsonValueKind.Object } child ? new EntryReader(child, PathOf(property), problems) : null;

    private JsonElement? Field(string property) =>
        entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(property, out var value) ? value : null;

    private Unit UnitOf(string property, string figureName, Unit canonical)
    {
        if (OptionalText(property) is not { } symbol) return canonical;

        switch (Units.Find(symbol))
        {
            case null:
                return Incomplete(canonical, property, $"unknown unit '{symbol}'; {figureName} takes {Describe(canonical.Dimension)}");
            case { } unit when unit.Dimension != canonical.Dimension:
                return Incomplete(canonical, property, $"unit mismatch: '{symbol}' is {Units.Describe(unit.Dimension)}, but {figureName} takes {Describe(canonical.Dimension)}");
            case { } unit:
                return unit;
        }
    }

    private static string Describe(Dimension dimension) =>
        $"{Units.Describe(dimension)} ({string.Join(", ", Units.SymbolsOf(dimension))})";

    private T Incomplete<T>(T placeholder)
    {
        Complete = false;
        return placeholder;
    }

    private T Incomplete<T>(T placeholder, string property, string problem)
    {
        Report(property, problem);
        return Incomplete(placeholder);
    }
}
