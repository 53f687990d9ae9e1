using System.Text.Json;
using System.Text.Json.Serialization;

namespace QuiltNet.Cli.Output;

/// <summary>The JSON form of every command's result: camelCase, indented, enums as lower-case names.</summary>
public static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void Write(TextWriter writer, object value) => writer.WriteLine(JsonSerializer.Serialize(value, value.GetType(), Options));
}
