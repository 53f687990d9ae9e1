using QuiltNet.Graph;

namespace QuiltNet.Data;

/// <summary>
/// The number of elements a data file's header declares, checked before anything is allocated: no negative
/// dimension, and no more bytes than the file holds — multiplied so that no product can overflow on the way.
/// </summary>
internal static class ElementCount
{
    /// <param name="path">The file, for the error.</param>
    /// <param name="shape">The dimensions its header declares.</param>
    /// <param name="width">Bytes per element.</param>
    /// <param name="available">Bytes of data the file holds after its header.</param>
    public static long Of(string path, IReadOnlyList<long> shape, int width, long available)
    {
        string text = string.Join('x', shape);
        long count = 1;
        foreach (long dim in shape)
        {
            if (dim < 0)
                throw new QuiltNetException(path, $"shape {text} has a negative dimension");
            // count * dim * width <= available, asked by division so nothing overflows (count stays <= available).
            if (dim > 0 && count > available / width / dim)
                throw new QuiltNetException(path, $"data is truncated: shape {text} needs more than the {available} bytes the file holds");
            count *= dim;
        }
        return count;
    }
}
