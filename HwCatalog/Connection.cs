namespace QuiltNet.HwCatalog;

/// <summary>A link joining two chips of a system, by index into <see cref="HwSystem.Chips"/>; it carries traffic both ways.</summary>
public sealed record Connection(int From, int To, Link Link);
