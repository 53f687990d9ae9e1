namespace QuiltNet.Testing.Fuzz;

/// <summary>Mutations that know nothing of a file's format: flipped bytes, a cut-off end, a chunk spliced in from elsewhere.</summary>
public static class ByteMutations
{
    public static (byte[] Bytes, string Mutation) Mutate(byte[] original, Random random, byte[] donor)
    {
        var bytes = (byte[])original.Clone();
        switch (random.Next(4))
        {
            case 0:
                {
                    // Most of a model is weights; half the flips land in the first kilobytes, where the structure is.
                    int flips = 1 + random.Next(16);
                    for (int i = 0; i < flips && bytes.Length > 0; i++)
                    {
                        int at = random.Next(2) == 0 ? random.Next(Math.Min(bytes.Length, 4096)) : random.Next(bytes.Length);
                        bytes[at] ^= (byte)(1 << random.Next(8));
                    }
                    return (bytes, $"{flips} bit flips");
                }
            case 1:
                {
                    int length = random.Next(2) == 0 ? random.Next(Math.Min(bytes.Length, 512) + 1) : random.Next(bytes.Length + 1);
                    return (bytes[..length], $"truncated to {length} of {bytes.Length} bytes");
                }
            case 2:
                {
                    int at = random.Next(bytes.Length + 1);
                    int from = random.Next(donor.Length), length = Math.Min(donor.Length - from, 1 + random.Next(2048));
                    return ([.. bytes[..at], .. donor.AsSpan(from, length), .. bytes[at..]], $"{length} bytes of another file spliced in at {at}");
                }
            default:
                {
                    int at = random.Next(bytes.Length + 1);
                    int from = random.Next(donor.Length), length = Math.Min(donor.Length - from, Math.Min(bytes.Length - at, 1 + random.Next(2048)));
                    donor.AsSpan(from, length).CopyTo(bytes.AsSpan(at));
                    return (bytes, $"{length} bytes at {at} overwritten from another file");
                }
        }
    }
}
