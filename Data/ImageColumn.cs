using System.Security.Cryptography;
using System.Text;
using QuiltNet.Graph;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace QuiltNet.Data;

/// <summary>
/// Image files decoded one at a time as samples are read (a folder of any size streams), resized and normalised by
/// <see cref="Preprocessing"/>. Without a resize every image must have the size of the first.
/// </summary>
internal sealed class ImageColumn : SampleColumn
{
    private readonly IReadOnlyList<string> _files;
    private readonly Preprocessing _preprocessing;
    private readonly int _height, _width;

    private ImageColumn(IReadOnlyList<string> files, Preprocessing preprocessing, int height, int width)
        : base(null, preprocessing.SampleShape(height, width))
    {
        _files = files;
        _preprocessing = preprocessing;
        _height = height;
        _width = width;
    }

    /// <summary>A column over <paramref name="files"/>; the first file's header gives the size where nothing is resized.</summary>
    public static ImageColumn Over(IReadOnlyList<string> files, Preprocessing preprocessing)
    {
        if (preprocessing.Resize is { } size)
            return new ImageColumn(files, preprocessing, size.Height, size.Width);
        var first = Identify(files[0]);
        // The decoder reads a PNG's 32-bit width and height into ints without checking them.
        if (first.Height < 1 || first.Width < 1)
            throw new QuiltNetException(files[0], "not a readable image (malformed: its header gives a size out of range)");
        if ((long)first.Height * first.Width > 1L << 26)
            throw new QuiltNetException(files[0], $"image of {first.Height}x{first.Width} pixels is too large to feed whole; resize it (HxW)");
        return new ImageColumn(files, preprocessing, first.Height, first.Width);
    }

    public override void Read(int index, Span<float> destination)
    {
        string file = _files[index];
        using var image = Decode(file);
        if (_preprocessing.Resize is null && (image.Height != _height || image.Width != _width))
            throw new QuiltNetException(file, $"image is {image.Height}x{image.Width} (height x width), but {Path.GetFileName(_files[0])} is {_height}x{_width}; resize them all to one size (HxW)");
        if (_preprocessing.Resize is not null)
            image.Mutate(x => x.Resize(new ResizeOptions
            {
                Size = new Size(_width, _height),
                Mode = _preprocessing.KeepRatio ? ResizeMode.Pad : ResizeMode.Stretch,
                PadColor = Color.Black,
            }));
        var pixels = new Rgb24[_height * _width];
        image.CopyPixelDataTo(pixels);
        int channels = _preprocessing.Channels, plane = _height * _width;
        bool first = _preprocessing.Layout == ImageLayout.Nchw;
        for (int p = 0; p < plane; p++)
        {
            var pixel = pixels[p];
            for (int c = 0; c < channels; c++)
            {
                float value = channels == 1 ? Luminance(pixel)
                    : (_preprocessing.Bgr ? 2 - c : c) switch { 0 => pixel.R, 1 => pixel.G, _ => pixel.B };
                destination[first ? c * plane + p : p * channels + c] = _preprocessing.Normalise(value, c);
            }
        }
    }

    public override void AppendFingerprint(IncrementalHash hash)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(_preprocessing.ToString()));
        foreach (string file in _files)
        {
            var info = new FileInfo(file);
            hash.AppendData(Encoding.UTF8.GetBytes($"{info.FullName}|{(info.Exists ? info.Length : -1)}|{(info.Exists ? info.LastWriteTimeUtc.Ticks : 0)}\n"));
        }
    }

    // ITU-R BT.601 luma in integers, so a grey pixel keeps its exact value.
    private static float Luminance(Rgb24 pixel) => (299 * pixel.R + 587 * pixel.G + 114 * pixel.B) / 1000f;

    private static Image<Rgb24> Decode(string file) => Read(file, Image.Load<Rgb24>);

    private static IImageInfo Identify(string file) =>
        Read(file, f => Image.Identify(f) ?? throw new QuiltNetException(f, UnknownFormat));

    private const string UnknownFormat = "not a readable image (its bytes are in no image format the decoder knows)";

    /// <summary>What <paramref name="read"/> makes of the file, with the decoder's complaints about its bytes as one error naming it.</summary>
    private static T Read<T>(string file, Func<string, T> read)
    {
        try
        {
            return read(file);
        }
        catch (UnknownImageFormatException e)
        {
            // The decoder's own message goes on to list its decoders, one a line.
            throw new QuiltNetException(file, UnknownFormat, e);
        }
        catch (Exception e) when (e is ImageFormatException or NotSupportedException or IOException)
        {
            throw new QuiltNetException(file, $"not a readable image ({FirstLine(e.Message)})", e);
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            // Bytes that pass the decoder's checks can still fail inside it: a PNG header may claim 2^32-1 columns,
            // a cut-off chunk may be indexed past its end.
            throw new QuiltNetException(file, "not a readable image (malformed: the decoder failed on its bytes)", e);
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
