namespace QuiltNet.HwCatalog;

/// <summary>A catalog could not be loaded or asked for a name it lacks. The message has one line per problem.</summary>
public sealed class CatalogException : Exception
{
    /// <summary>A catalog with these problems; <paramref name="sourceName"/> names it (null for text given in memory).</summary>
    public CatalogException(string? sourceName, IReadOnlyList<CatalogProblem> problems)
        : base(Describe(sourceName, problems))
    {
        SourceName = sourceName;
        Problems = problems;
    }

    /// <summary>The file the problems are in; null when they are not about a file.</summary>
    public string? SourceName { get; }

    /// <summary>Every problem found, each with the JSON path it is at.</summary>
    public IReadOnlyList<CatalogProblem> Problems { get; }

    private static string Describe(string? sourceName, IReadOnlyList<CatalogProblem> problems) =>
        string.Join(
            Environment.NewLine,
            problems.Select(problem =>
                (sourceName is null ? "" : sourceName + ": ") +
                (problem.Path.Length == 0 ? "" : problem.Path + ": ") +
                problem.Message));
}
