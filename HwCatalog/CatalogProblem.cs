namespace QuiltNet.HwCatalog;

/// <summary>One problem in a catalog file.</summary>
/// <param name="Path">JSON path of the field at fault, such as <c>$.systems[2].topology.links[0].to</c>;
/// empty when the problem is not tied to a field (a missing file, an unknown name asked of a catalog).</param>
/// <param name="Message">What is wrong there, in one line.</param>
public sealed record CatalogProblem(string Path, string Message);
