using System.Text.Json;
using System.Text.Json.Serialization;

namespace QuiltNet.Cli.Output;

/// <summary>The JSON form of every command's result: camelCase, indented, enums as lower-case names.</summary>
public static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // A figure a catalog pushes past double's range is reported as "Infinity", not turned into a failure to write.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void Write(TextWriter writer, object value) => writer.WriteLine(JsonSerializer.Serialize(value, value.GetType(), Options));
}
