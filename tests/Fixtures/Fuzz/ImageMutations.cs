using System.Buffers.Binary;
using System.Globalization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace QuiltNet.Testing.Fuzz;

/// <summary>
/// Mutations of an image folder (train/ and val/ splits, class subfolders 0 to 9): broken, empty and mislabelled
/// files, headers that claim huge images, images of another size, colour or depth, class folders emptied or added,
/// stray images, directories and links named like images, hidden files; and the preprocessing flags with odd values.
/// </summary>
public static class ImageMutations
{
    private static readonly string[] Splits = ["train", "val"];

    /// <summary>Mutates <paramref name="folder"/> (a copy of the corpus image folder) and says what changed.</summary>
    public static string Mutate(string folder, Random random, byte[] donor)
    {
        string split = Path.Combine(folder, Splits[random.Next(Splits.Length)]);
        var images = Directory.GetFiles(split, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        string file = images[random.Next(images.Length)];
        string name = Path.GetRelativePath(folder, file);
        string classFolder = Path.GetDirectoryName(file)!;
        switch (random.Next(16))
        {
            case 0:
                {
                    var (bytes, how) = ByteMutations.Mutate(File.ReadAllBytes(file), random, donor);
                    File.WriteAllBytes(file, bytes);
                    return $"{name}: {how}";
                }
            case 1:
                File.WriteAllBytes(file, []);
                return $"{name}: emptied";
            case 2:
                File.WriteAllText(Path.Combine(classFolder, "notes.png"), "not an image, only text\n");
                return $"{Path.GetRelativePath(folder, classFolder)}/notes.png: text";
            case 3:
                {
                    // A decoder that trusts the extension reads a JPEG as a broken PNG.
                    string jpeg = images.FirstOrDefault(f => f.StartsWith(classFolder, StringComparison.Ordinal) && f.EndsWith(".jpg", StringComparison.Ordinal)) ?? images.First(f => f.EndsWith(".jpg", StringComparison.Ordinal));
                    File.Move(jpeg, Path.ChangeExtension(jpeg, ".png"), overwrite: true);
                    return $"{Path.GetRelativePath(folder, jpeg)}: a JPEG renamed .png";
                }
            case 4:
                return HugeHeader(folder, file, random);
            case 5:
                {
                    int height = new[] { 1, 20, 32, 300 }[random.Next(4)], width = new[] { 1, 28, 40, 7 }[random.Next(4)];
                    Replace(file, new Image<L8>(width, height, new L8(128)));
                    return string.Create(CultureInfo.InvariantCulture, $"{name}: an image of {height}x{width}");
                }
            case 6:
                {
                    bool colour = random.Next(2) == 0;
                    Image image = colour ? new Image<Rgb24>(28, 28, new Rgb24(200, 30, 90)) : new Image<L16>(28, 28, new L16(40000));
                    using var png = File.Create(Path.ChangeExtension(file, ".png"));
                    if (!file.EndsWith(".png", StringComparison.Ordinal)) File.Delete(file);
                    image.Save(png, new PngEncoder { BitDepth = colour ? PngBitDepth.Bit8 : PngBitDepth.Bit16, ColorType = colour ? PngColorType.Rgb : PngColorType.Grayscale });
                    image.Dispose();
                    return $"{name}: {(colour ? "colour" : "16-bit grey")} PNG";
                }
            case 7:
                foreach (string f in Directory.GetFiles(classFolder)) File.Delete(f);
                return $"{Path.GetRelativePath(folder, classFolder)}: class folder emptied";
            case 8:
                {
                    int extra = 1 + random.Next(3);
                    foreach (string s in Splits)
                        for (int c = 10; c < 10 + extra; c++)
                        {
                            string added = Path.Combine(folder, s, c.ToString(CultureInfo.InvariantCulture));
                            Directory.CreateDirectory(added);
                            File.Copy(file, Path.Combine(added, Path.GetFileName(file)), overwrite: true);
                        }
                    return $"{extra} class folders past the model's 10 classes";
                }
            case 9:
                File.Copy(file, Path.Combine(split, Path.GetFileName(file)));
                return $"{name}: copied beside the class folders";
            case 10:
                Directory.CreateDirectory(Path.Combine(classFolder, "x.png"));
                return $"{Path.GetRelativePath(folder, classFolder)}/x.png: a directory";
            case 11:
                {
                    string outside = Path.Combine(Path.GetDirectoryName(folder)!, "outside.png");
                    File.Copy(file, outside, overwrite: true);
                    string target = new[] { "/etc/passwd", "/dev/zero", outside, Path.Combine(folder, "missing.png"), classFolder }[random.Next(5)];
                    File.CreateSymbolicLink(Path.Combine(classFolder, "a.png"), target);
                    return $"{Path.GetRelativePath(folder, classFolder)}/a.png: a link to {(target == outside ? "an image outside the folder" : target.StartsWith(folder, StringComparison.Ordinal) ? Path.GetRelativePath(folder, target) : target)}";
                }
            case 12:
                foreach (string entry in Directory.GetFileSystemEntries(folder))
                    if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
                    else File.Delete(entry);
                if (random.Next(2) == 0) Directory.CreateDirectory(Path.Combine(folder, "train"));
                return "every image removed";
            case 13:
                File.WriteAllBytes(Path.Combine(classFolder, random.Next(2) == 0 ? ".hidden.png" : ".DS_Store"), [0, 1, 2, 3]);
                return $"{Path.GetRelativePath(folder, classFolder)}: a hidden file";
            case 14:
                {
                    // Every image of both splits in one flat folder: unlabelled, divided by a seeded draw.
                    int n = 0;
                    foreach (string f in Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                        File.Move(f, Path.Combine(folder, $"{n++:D3}{Path.GetExtension(f)}"));
                    foreach (string s in Splits) Directory.Delete(Path.Combine(folder, s), recursive: true);
                    return "flattened: unlabelled images without splits";
                }
            default:
                {
                    string val = Path.Combine(folder, "val");
                    string from = Path.Combine(val, random.Next(10).ToString(CultureInfo.InvariantCulture));
                    Directory.Move(from, Path.Combine(val, random.Next(2) == 0 ? "shirt" : "1" + Path.GetFileName(from)));
                    return $"val/{Path.GetFileName(from)}: class folder renamed";
                }
        }
    }

    /// <summary>
    /// Preprocessing flags for the command line: none mostly, sometimes good ones, sometimes values out of range.
    /// </summary>
    public static string[] Flags(Random random)
    {
        if (random.Next(3) != 0) return [];
        string[][] choices =
        [
            ["--resize", "28x28"], ["--resize", "28x28", "--keep-ratio"], ["--resize", "14x40", "--keep-ratio"], ["--resize", "32x32"],
            ["--mean", "0.5", "--std", "0.25"], ["--scale", "1/127.5", "--mean", "1"], ["--layout", "nhwc"], ["--bgr"],
            ["--resize", "0x0"], ["--resize", "-3x5"], ["--resize", "99999x99999"], ["--resize", "abc"], ["--resize", "28x"], ["--resize", "2147483647x2"],
            ["--mean", "0.5,0.5"], ["--std", "0.1,0.2,0.3"], ["--std", "0"], ["--std", "NaN"], ["--std", "-1"], ["--mean", "Infinity"],
            ["--scale", "0"], ["--scale", "NaN"], ["--scale", "1/0"], ["--layout", "bad"], ["--keep-ratio"], ["--mean", ""],
        ];
        return choices[random.Next(choices.Length)];
    }

    private static string HugeHeader(string folder, string file, Random random)
    {
        uint size = new uint[] { int.MaxValue, 100_000, 65_535, 0, uint.MaxValue }[random.Next(5)];
        File.Delete(file);
        File.WriteAllBytes(Path.ChangeExtension(file, ".png"), PngClaiming(size, size));
        return string.Create(CultureInfo.InvariantCulture, $"{Path.GetRelativePath(folder, file)}: a PNG whose header claims {size}x{size}");
    }

    /// <summary>A 28x28 PNG whose header claims another size, with the header's CRC fixed so a decoder believes it.</summary>
    public static byte[] PngClaiming(uint width, uint height)
    {
        using var stream = new MemoryStream();
        using (var image = new Image<L8>(28, 28)) image.SaveAsPng(stream);
        byte[] png = stream.ToArray();
        // The IHDR chunk follows the 8-byte signature: length, type, width, height, then its CRC over type and data.
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        return png;
    }

    /// <summary>PNG's CRC-32 (polynomial 0xEDB88320), bit by bit: it covers a few header bytes only.</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = uint.MaxValue;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    private static void Replace(string file, Image image)
    {
        using (image) image.Save(file);
    }
}
