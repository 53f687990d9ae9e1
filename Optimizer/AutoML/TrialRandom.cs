namespace QuiltNet.Optimizer.AutoML;

/// <summary>
/// Each trial's random draws come from a generator that depends on the tuner's seed and the trial id only, not on how
/// many draws came before. So a resumed search, whose tuner never proposed the replayed trials, draws exactly what an
/// uninterrupted one would have drawn for the next trial.
/// </summary>
internal static class TrialRandom
{
    public static Random For(int seed, int trialId)
    {
        // SplitMix64's finaliser spreads neighbouring (seed, id) pairs over unrelated generator seeds.
        ulong z = ((ulong)(uint)seed << 32 | (uint)trialId) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return new Random((int)(z & int.MaxValue));
    }

    /// <summary>A configuration drawn uniformly from the unit cube.</summary>
    public static Parameters Sample(this SearchSpace space, Random random)
    {
        var point = new double[space.Count];
        for (int i = 0; i < point.Length; i++) point[i] = random.NextDouble();
        return space.FromUnitCube(point);
    }
}
