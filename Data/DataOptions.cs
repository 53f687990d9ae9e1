namespace QuiltNet.Data;

/// <summary>How a data source is read and divided into calibration and evaluation samples.</summary>
public sealed record DataOptions
{
    /// <summary>How images (and byte arrays) become model inputs.</summary>
    public Preprocessing Preprocessing { get; init; } = Preprocessing.Default;

    /// <summary>The most calibration samples (the autoencoders train on them).</summary>
    public int Calibration { get; init; } = 2000;

    /// <summary>The most evaluation samples (accuracy is measured on them).</summary>
    public int Evaluation { get; init; } = 2000;

    /// <summary>Seeds the draw of samples from a source without separate splits (and from image splits larger than asked).</summary>
    public int Seed { get; init; } = 1;
}
