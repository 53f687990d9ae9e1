namespace QuiltNet.HwCatalog;

public enum ChipKind
{
    Asic,
    Fpga,
    Pim,
    Chiplet,
    Gpu,
    Cpu,
}
