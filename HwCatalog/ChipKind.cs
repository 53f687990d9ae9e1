namespace QuiltNet.HwCatalog;

/// <summary>What kind of device a chip is.</summary>
public enum ChipKind
{
    /// <summary>A fixed-function accelerator chip.</summary>
    Asic,
    /// <summary>An accelerator built in an FPGA.</summary>
    Fpga,
    /// <summary>Processing in memory.</summary>
    Pim,
    /// <summary>One chiplet of a multi-chip package.</summary>
    Chiplet,
    /// <summary>A GPU.</summary>
    Gpu,
    /// <summary>A CPU, such as this machine calibrated.</summary>
    Cpu,
}
