namespace QuiltNet.HwCatalog;

/// <summary>One step of a <see cref="Route"/>, in the direction of travel, by chip index.</summary>
public sealed record Hop(int From, int To, Link Link);
