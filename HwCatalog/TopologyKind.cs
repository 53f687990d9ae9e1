namespace QuiltNet.HwCatalog;

/// <summary>The shape of a system's chip network.</summary>
public enum TopologyKind
{
    /// <summary>Chip i to chip i+1.</summary>
    Chain,

    /// <summary>A chain closed from the last chip to the first (from three chips on).</summary>
    Ring,

    /// <summary>A rows × columns grid, chips in row-major order, each joined to its right and lower neighbours.</summary>
    Mesh2d,

    /// <summary>Every pair of chips joined directly.</summary>
    FullyConnected,

    /// <summary>The connections listed one by one.</summary>
    Explicit,
}
