using QuiltNet.Graph;

namespace QuiltNet.Cli;

/// <summary>Parses comma-separated whole numbers given to an option: <c>--cuts P1,P2</c>, <c>--ratios 2,4</c>, <c>--bits 32,8</c>.</summary>
public static class IntegerList
{
    public static IReadOnlyList<int> Parse(string option, string text, string hint = "") =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => int.TryParse(part, out int value) ? value : throw new QuiltNetException(option, $"'{part}' is not a whole number{hint}"))
            .ToList();

    public static IReadOnlyList<int> Cuts(string text) => Parse("--cuts", text, " (cut positions come from 'quiltnet profile')");
}
