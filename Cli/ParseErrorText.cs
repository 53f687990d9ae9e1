using System.Text.RegularExpressions;

namespace QuiltNet.Cli;

/// <summary>
/// System.CommandLine's parse errors in a user's words: "Cannot parse argument 'abc' for option '--count' as expected
/// type 'System.Nullable`1[System.Int32]'" names a .NET type; the user needs to know what the flag takes.
/// </summary>
internal static partial class ParseErrorText
{
    public static string Plain(string message)
    {
        var match = CannotParse().Match(message);
        if (!match.Success) return message;
        string type = match.Groups["type"].Value;
        string takes = type switch
        {
            _ when type.Contains("Int32", StringComparison.Ordinal) => "a whole number (at most 2147483647)",
            _ when type.Contains("Int64", StringComparison.Ordinal) => "a whole number",
            _ when type.Contains("Double", StringComparison.Ordinal) || type.Contains("Single", StringComparison.Ordinal) => "a number",
            _ when type.Contains("Boolean", StringComparison.Ordinal) => "true or false",
            _ => "one of its values",
        };
        string rest = match.Groups["rest"].Value.Trim();
        return $"'{match.Groups["value"].Value}' is not {takes}{(rest.Length > 0 ? $"; {rest}" : "")}";
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for option '[^']*' as expected type '(?<type>[^']*)'\.(?<rest>.*)$", RegexOptions.Singleline)]
    private static partial Regex CannotParse();
}
