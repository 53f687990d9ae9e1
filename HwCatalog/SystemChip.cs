namespace QuiltNet.HwCatalog;

/// <summary>One chip placed in a system; <paramref name="Id"/> is unique within the system.</summary>
public sealed record SystemChip(string Id, Chip Chip);
