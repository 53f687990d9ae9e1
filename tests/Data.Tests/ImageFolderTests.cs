using QuiltNet.Graph;
using QuiltNet.Tests;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace QuiltNet.Data.Tests;

public sealed class ImageFolderTests : IDisposable
{
    private static readonly Preprocessing Grey = new() { Channels = 1 };
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Fmnist => Path.Combine(Repository.DataFixtures, "fmnist");

    [Fact]
    public void Class_subfolders_are_the_labels_in_name_order_and_pngs_hold_the_exact_pixels()
    {
        var set = ImageFolder.Load(Fmnist, Grey);

        Assert.Equal(15, set.Count);
        Assert.Equal(10, set.Classes!.Count);
        Assert.Equal("0-tshirt", set.Classes[0]);
        Assert.Equal([1L, 28, 28], set.SampleShape);
        Assert.Equal([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 6, 7, 8, 9], set.Labels!);
        // 0-tshirt/a.png is the first T-shirt of the bundled test split, written losslessly.
        var idx = SampleSet.Load(Repository.Data, SampleSet.Evaluation);
        int first = Array.IndexOf(idx.Labels!, 0);
        Assert.Equal(idx.Slice(first, 1), set.Slice(0, 1));
    }

    [Fact]
    public void A_flat_folder_is_unlabelled_and_flows_through_batches()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Fmnist, "1-trouser")))
            File.Copy(file, _temp.File(Path.GetFileName(file)));

        var set = ImageFolder.Load(_temp.Path, Grey);

        Assert.False(set.HasLabels);
        Assert.Null(set.Labels);
        Assert.Equal(2, set.Count);
        var batch = set.Batch(0, 2, new TensorInfo("input", ElementType.Float, [1, 1, 28, 28]));
        Assert.Equal([2L, 1, 28, 28], batch.Shape);
    }

    [Theory]
    [InlineData(ImageLayout.Nchw, false, new[] { 1f, 0f, 0f, 0f, 0f, 1f })] // R R G G B B
    [InlineData(ImageLayout.Nhwc, false, new[] { 1f, 0f, 0f, 0f, 0f, 1f })] // RGB RGB
    [InlineData(ImageLayout.Nchw, true, new[] { 0f, 1f, 0f, 0f, 1f, 0f })]  // B B G G R R
    public void Layout_and_channel_order_place_each_value(ImageLayout layout, bool bgr, float[] expected)
    {
        // One row of two pixels: pure red, then pure blue.
        using (var image = new Image<Rgb24>(2, 1))
        {
            image[0, 0] = new Rgb24(255, 0, 0);
            image[1, 0] = new Rgb24(0, 0, 255);
            image.SaveAsPng(_temp.File("x.png"));
        }

        var set = ImageFolder.Load(_temp.Path, new Preprocessing { Layout = layout, Bgr = bgr });

        Assert.Equal(layout == ImageLayout.Nchw ? [3L, 1, 2] : [1L, 2, 3], set.SampleShape);
        Assert.Equal(expected, set.Slice(0, 1));
    }

    [Fact]
    public void Mean_and_std_per_channel_normalise_after_the_scale()
    {
        using (var image = new Image<Rgb24>(1, 1))
        {
            image[0, 0] = new Rgb24(255, 51, 0);
            image.SaveAsPng(_temp.File("x.png"));
        }
        var set = ImageFolder.Load(_temp.Path, new Preprocessing { Mean = [0.5f, 0.2f, 0f], Std = [0.5f, 0.1f, 2f] });

        var values = set.Slice(0, 1);
        Assert.Equal(1f, values[0], 5);
        Assert.Equal(0f, values[1], 5);
        Assert.Equal(0f, values[2], 5);
    }

    [Fact]
    public void Resize_with_keep_ratio_pads_with_black()
    {
        using (var image = new Image<Rgb24>(4, 2, new Rgb24(255, 255, 255)))
            image.SaveAsPng(_temp.File("wide.png"));

        var set = ImageFolder.Load(_temp.Path, new Preprocessing { Resize = (4, 4), KeepRatio = true, Channels = 1 });
        var values = set.Slice(0, 1);

        Assert.Equal([1L, 4, 4], set.SampleShape);
        Assert.Equal(0f, values[0]);                // the top row is padding
        Assert.Equal(1f, values[1 * 4 + 1], 2);     // the image fills the middle rows
    }

    [Fact]
    public void Images_of_every_format_and_size_read_once_resized()
    {
        var set = ImageFolder.Load(Path.Combine(Repository.DataFixtures, "colour"), new Preprocessing { Resize = (16, 16) });

        Assert.Equal(6, set.Count);
        Assert.Equal(["cool", "warm"], set.Classes!);
        Assert.Equal(6 * 3 * 16 * 16, set.Slice(0, 6).Length);
    }

    [Fact]
    public void Images_of_different_sizes_without_a_resize_name_the_odd_one()
    {
        var e = Assert.Throws<QuiltNetException>(() => ImageFolder.Load(Path.Combine(Repository.DataFixtures, "colour"), Preprocessing.Default).Slice(0, 6));

        Assert.Contains(Path.Combine("colour", "cool", "d.webp"), e.Message);
        Assert.Contains("resize", e.Message);
    }

    [Fact]
    public void An_unreadable_image_is_named_when_it_is_read_and_not_before()
    {
        File.Copy(Path.Combine(Fmnist, "0-tshirt", "a.png"), _temp.File("a.png"));
        File.WriteAllText(_temp.File("b.png"), "not an image");

        var set = ImageFolder.Load(_temp.Path, Grey); // decoding is lazy: the folder opens
        set.Slice(0, 1);
        var e = Assert.Throws<QuiltNetException>(() => set.Slice(1, 1));

        Assert.StartsWith(_temp.File("b.png") + ": not a readable image", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void An_empty_folder_and_an_empty_class_folder_are_named()
    {
        var empty = Assert.Throws<QuiltNetException>(() => ImageFolder.Load(_temp.Path, Grey));
        Assert.StartsWith(_temp.Path + ": no images", empty.Message);

        Directory.CreateDirectory(_temp.File("cats"));
        Directory.CreateDirectory(_temp.File("dogs"));
        File.Copy(Path.Combine(Fmnist, "0-tshirt", "a.png"), Path.Combine(_temp.File("cats"), "a.png"));
        var noImages = Assert.Throws<QuiltNetException>(() => ImageFolder.Load(_temp.Path, Grey));
        Assert.Equal($"{_temp.File("dogs")}: class folder has no images", noImages.Message);
    }
}
