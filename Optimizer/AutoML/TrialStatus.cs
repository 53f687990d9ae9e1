namespace QuiltNet.Optimizer.AutoML;

/// <summary>How a finished trial ended.</summary>
public enum TrialStatus
{
    /// <summary>It produced a finite loss.</summary>
    Completed,

    /// <summary>It threw, or its loss was not finite; its loss is +∞ and the surrogate never learns from it.</summary>
    Failed,
}
