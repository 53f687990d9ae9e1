namespace QuiltNet.Data;

/// <summary>Calibration and evaluation samples of one data source, disjoint, and a line saying how they were drawn.</summary>
/// <param name="Calibration">Samples the autoencoders are fitted on.</param>
/// <param name="Evaluation">Held-out samples accuracy is measured on.</param>
/// <param name="Description">Where the samples come from, how many of each, and whether a seeded split made them.</param>
public sealed record DataSplits(SampleSet Calibration, SampleSet Evaluation, string Description);
