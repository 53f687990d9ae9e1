using System.Globalization;

namespace QuiltNet.Data;

/// <summary>
/// How images become model inputs: an optional resize (stretched, or with <see cref="KeepRatio"/> scaled to fit and
/// padded with zeros), then per channel value × <see cref="Scale"/>, minus <see cref="Mean"/>, over <see cref="Std"/>,
/// in <see cref="Layout"/> order, RGB or <see cref="Bgr"/>. IDX and NumPy byte data take scale, mean and std.
/// </summary>
public sealed record Preprocessing
{
    /// <summary>The defaults: no resize, values scaled to [0, 1], no normalisation, channels first, RGB.</summary>
    public static Preprocessing Default { get; } = new();

    /// <summary>Height and width every image is resized to; null keeps each image's own size (they must all agree).</summary>
    public (int Height, int Width)? Resize { get; init; }

    /// <summary>With <see cref="Resize"/>: keep the aspect ratio, scaling to fit and padding the rest with zeros.</summary>
    public bool KeepRatio { get; init; }

    /// <summary>Subtracted after scaling: one value for every channel, or one per channel.</summary>
    public IReadOnlyList<float> Mean { get; init; } = [0f];

    /// <summary>Divides after subtracting the mean: one value for every channel, or one per channel.</summary>
    public IReadOnlyList<float> Std { get; init; } = [1f];

    /// <summary>Multiplies each 8-bit value first (1/255 maps 0–255 to 0–1).</summary>
    public float Scale { get; init; } = 1f / 255f;

    /// <summary>Channels first or last.</summary>
    public ImageLayout Layout { get; init; } = ImageLayout.Nchw;

    /// <summary>Channels in blue, green, red order (OpenCV-trained models) instead of red, green, blue.</summary>
    public bool Bgr { get; init; }

    /// <summary>Channels per image: 3 (colour) or 1 (grey, the luminance of colour images).</summary>
    public int Channels { get; init; } = 3;

    /// <summary>Checks the settings against each other.</summary>
    /// <exception cref="ArgumentException">A setting is out of range or does not fit <see cref="Channels"/>.</exception>
    public void Validate()
    {
        if (Channels is not (1 or 3))
            throw new ArgumentException($"must be 1 or 3, got {Channels}", nameof(Channels));
        if (Resize is { } size && (size.Height < 1 || size.Width < 1 || (long)size.Height * size.Width > 1L << 26))
            throw new ArgumentException($"{size.Height}x{size.Width} is not a height and width of 1 to 2^26 pixels", nameof(Resize));
        if (KeepRatio && Resize is null)
            throw new ArgumentException("keeping the ratio needs a size to resize to", nameof(KeepRatio));
        if (Mean.Count != 1 && Mean.Count != Channels)
            throw new ArgumentException($"give one value or one per channel ({Channels}), got {Mean.Count}", nameof(Mean));
        if (Std.Count != 1 && Std.Count != Channels)
            throw new ArgumentException($"give one value or one per channel ({Channels}), got {Std.Count}", nameof(Std));
        if (Std.Any(s => !(s > 0) || !float.IsFinite(s)))
            throw new ArgumentException($"every value must be positive, got {string.Join(',', Std)}", nameof(Std));
        if (Mean.Any(m => !float.IsFinite(m)))
            throw new ArgumentException($"every value must be finite, got {string.Join(',', Mean)}", nameof(Mean));
        if (!(Scale > 0) || !float.IsFinite(Scale))
            throw new ArgumentException($"must be positive, got {Scale}", nameof(Scale));
    }

    /// <summary>The shape of one preprocessed image of <paramref name="height"/> × <paramref name="width"/> pixels.</summary>
    public long[] SampleShape(int height, int width) => Layout == ImageLayout.Nchw ? [Channels, height, width] : [height, width, Channels];

    /// <summary>Maps a value of channel <paramref name="channel"/> (raw, 0–255 for bytes) to the model's value.</summary>
    public float Normalise(float value, int channel) =>
        (value * Scale - Mean[Mean.Count == 1 ? 0 : channel]) / Std[Std.Count == 1 ? 0 : channel];

    /// <summary>Describes the settings, for fingerprints and messages.</summary>
    public override string ToString()
    {
        static string Values(IEnumerable<float> values) => string.Join(',', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        string size = Resize is { } s ? $"{s.Height}x{s.Width}{(KeepRatio ? " keep-ratio" : "")}" : "none";
        return $"resize {size}, scale {Values([Scale])}, mean {Values(Mean)}, std {Values(Std)}, " +
            $"{Layout.ToString().ToLowerInvariant()}, {(Bgr ? "bgr" : "rgb")}, {Channels} channels";
    }
}
