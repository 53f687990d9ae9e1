namespace QuiltNet.Data;

/// <summary>
/// How closely the chained stages reproduce the original model: the largest absolute difference over
/// every output element, per output, and — with labelled data — top-1 accuracy of both.
/// </summary>
public sealed record VerifyReport(
    int Stages,
    int Samples,
    string Inputs,
    double MaxAbsDiff,
    IReadOnlyDictionary<string, double> MaxAbsDiffByOutput,
    double? OriginalAccuracy,
    double? StagedAccuracy);
