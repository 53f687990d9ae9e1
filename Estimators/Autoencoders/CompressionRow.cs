namespace QuiltNet.Estimators.Autoencoders;

/// <summary>
/// One (cut, ratio, bits) of a compression sweep: the fp32 frontier's bytes and the code's, the relative
/// reconstruction error and the top-1 accuracy drop on held-out data (percentage points lost; negative
/// means the compressed model scored higher), and how long training took.
/// </summary>
public sealed record CompressionRow(
    int Cut,
    int Ratio,
    int Stride,
    int Bits,
    string Method,
    long BytesBefore,
    long BytesAfter,
    double ReconstructionError,
    double Accuracy,
    double AccuracyDropPp,
    double TrainSeconds);
