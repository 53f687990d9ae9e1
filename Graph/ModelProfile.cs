namespace QuiltNet.Graph;

/// <summary>Totals over the whole model; weights are counted once each.</summary>
public sealed record ProfileTotals(long Macs, long Flops, long Parameters, long WeightBytes, long OutputBytes);

/// <summary>
/// The profile of a model with its dynamic dimensions bound: every computing node's cost, the totals,
/// the candidate cuts with the bytes each would send, and warnings (operators costed by the fallback).
/// </summary>
public sealed record ModelProfile(
    string Model,
    IReadOnlyList<TensorInfo> Inputs,
    IReadOnlyList<TensorInfo> Outputs,
    string ShapeSource,
    IReadOnlyList<LayerProfile> Layers,
    ProfileTotals Totals,
    IReadOnlyList<CutPoint> Cuts,
    IReadOnlyList<string> Warnings);
