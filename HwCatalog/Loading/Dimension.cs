namespace QuiltNet.HwCatalog.Loading;

internal enum Dimension
{
    MacRate,
    Bandwidth,
    Size,
    Time,
    EnergyPerMac,
    EnergyPerData,
    Power,
    BytesPerElement,
    Ratio,
}
