using MathNet.Numerics.LinearAlgebra;
using QuiltNet.Graph.Bottlenecks;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>
/// The closed-form optimum of a linear autoencoder on the feature axis: the k principal components of
/// the mean-centred feature vectors. Encoder = Vₖᵀ(x − μ), decoder = Vₖ·code + μ.
/// </summary>
public static class PcaInitializer
{
    /// <summary>The linear autoencoder of <paramref name="option"/>'s width that best reconstructs <paramref name="captured"/> in the least-squares sense: its mean-centred principal components.</summary>
    public static BottleneckWeights Fit(CapturedTensor captured, BottleneckOption option)
    {
        int c = captured.Channels, k = option.CodeWidth;
        if (k < 1 || k > c)
            throw new ArgumentException($"a code of {k} features does not fit tensor '{captured.Name}' of {c} features", nameof(option.CodeWidth));
        if (option.Stride == 2 && (captured.Axis != FeatureAxis.Channels || captured.Shape[2] % 2 != 0 || captured.Shape[3] % 2 != 0))
            throw new ArgumentException($"stride 2 needs an NCHW tensor with even height and width; '{captured.Name}' is {string.Join('x', captured.Shape)}", nameof(option.Stride));

        var (mean, covariance) = Moments(captured);
        var evd = covariance.Evd(Symmetricity.Symmetric);
        // MathNet orders eigenvalues ascending: the last k columns are the principal components.
        var components = evd.EigenVectors.SubMatrix(0, c, c - k, k);

        var encoder = new float[k * c];
        var decoder = new float[c * k];
        var encoderBias = new float[k];
        for (int j = 0; j < k; j++)
        {
            double projectedMean = 0;
            for (int i = 0; i < c; i++)
            {
                double v = components[i, k - 1 - j]; // largest component first
                encoder[j * c + i] = (float)v;
                decoder[i * k + j] = (float)v;
                projectedMean += v * mean[i];
            }
            encoderBias[j] = (float)-projectedMean;
        }
        return new BottleneckWeights(captured.Name, captured.Axis, c, option, encoder, encoderBias, decoder,
            mean.Select(m => (float)m).ToArray(), captured.NonNegative, Positions: captured.Vectors / captured.Shape[0]);
    }

    private static (double[] Mean, Matrix<double> Covariance) Moments(CapturedTensor captured)
    {
        int c = captured.Channels;
        long n = captured.Vectors;
        var mean = new double[c];
        var x = new double[c];
        var scatter = Matrix<double>.Build.Dense(c, c);
        var sums = new double[c, c];
        for (long v = 0; v < n; v++)
        {
            for (int i = 0; i < c; i++) { x[i] = captured.At(v, i); mean[i] += x[i]; }
            for (int i = 0; i < c; i++)
                for (int j = i; j < c; j++)
                    sums[i, j] += x[i] * x[j];
        }
        for (int i = 0; i < c; i++) mean[i] /= n;
        for (int i = 0; i < c; i++)
            for (int j = i; j < c; j++)
            {
                double value = sums[i, j] / n - mean[i] * mean[j];
                scatter[i, j] = value;
                scatter[j, i] = value;
            }
        return (mean, scatter);
    }
}
