using QuiltNet.Graph;

namespace QuiltNet.Cli;

/// <summary>Parses <c>--cuts P1,P2,...</c>.</summary>
public static class CutList
{
    public static IReadOnlyList<int> Parse(string text)
    {
        var positions = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
            positions.Add(int.TryParse(part, out int p) ? p : throw new QuiltNetException("--cuts", $"'{part}' is not a position (positions are whole numbers, see 'quiltnet profile')"));
        return positions;
    }
}
