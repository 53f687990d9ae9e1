namespace QuiltNet.Estimators.Autoencoders;

/// <summary>Adam (Kingma and Ba, 2015) over a set of float arrays, updated in place.</summary>
internal sealed class Adam(IReadOnlyList<float[]> parameters, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
{
    private readonly double[][] _m = parameters.Select(p => new double[p.Length]).ToArray();
    private readonly double[][] _v = parameters.Select(p => new double[p.Length]).ToArray();
    private int _step;

    public void Step(IReadOnlyList<float[]> gradients)
    {
        _step++;
        double correction1 = 1 - Math.Pow(beta1, _step), correction2 = 1 - Math.Pow(beta2, _step);
        for (int p = 0; p < parameters.Count; p++)
        {
            var value = parameters[p];
            var gradient = gradients[p];
            var m = _m[p];
            var v = _v[p];
            for (int i = 0; i < value.Length; i++)
            {
                m[i] = beta1 * m[i] + (1 - beta1) * gradient[i];
                v[i] = beta2 * v[i] + (1 - beta2) * gradient[i] * gradient[i];
                value[i] -= (float)(learningRate * (m[i] / correction1) / (Math.Sqrt(v[i] / correction2) + epsilon));
            }
        }
    }
}
