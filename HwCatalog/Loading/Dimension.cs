namespace QuiltNet.HwCatalog.Loading;

internal enum Dimension
{
    MacRate,
    FlopRate,
    Bandwidth,
    Size,
    Time,
    EnergyPerMac,
    EnergyPerData,
    Power,
    BytesPerElement,
    Ratio,
}
