using Microsoft.ML;
using QuiltNet.Data;
using QuiltNet.Estimators.MlNet;
using QuiltNet.Graph;
using QuiltNet.Tests;

namespace QuiltNet.Estimators.Tests.MlNet;

public sealed class FitBottleneckTests : IDisposable
{
    private static readonly SampleSet Images = SampleSet.Load(Repository.Data, SampleSet.Calibration, 200);
    private readonly TempFolder _temp = new();
    private readonly MLContext _context = new(seed: 1);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_full_width_round_trip_reproduces_the_column()
    {
        var data = MlNetData.Load(_context, Images, size: 64);
        using var model = _context.Transforms.FitBottleneck("Reconstructed", "Features", codeWidth: 64).Fit(data);
        var scored = model.Transform(data);
        var original = MlNetData.Column(scored, "Features");
        var reconstructed = MlNetData.Column(scored, "Reconstructed");
        Assert.True(original.Zip(reconstructed).All(p => p.First.Zip(p.Second).All(v => Math.Abs(v.First - v.Second) < 1e-4)));
    }

    [Fact]
    public void Encoder_gives_a_code_of_the_chosen_width_and_saves_and_loads_without_quiltnet()
    {
        var data = MlNetData.Load(_context, Images);
        string zip = _temp.File("encoder.zip");
        float[][] codes;
        using (var model = _context.Transforms.FitBottleneck("Code", "Features", codeWidth: 12, BottleneckMode.Encode).Fit(data))
        {
            codes = MlNetData.Column(model.Transform(data), "Code");
            _context.Model.Save(model, data.Schema, zip);
        }
        Assert.All(codes, c => Assert.Equal(12, c.Length));

        string input = _temp.File("input.f32"), output = _temp.File("output.f32");
        File.WriteAllBytes(input, Images.Slice(0, Images.Count).SelectMany(BitConverter.GetBytes).ToArray());
        PartitionOnnxModelTests.RunLoader(zip, input, Images.Count, "Features", "Code", output);
        var bytes = File.ReadAllBytes(output);
        Assert.Equal(codes.SelectMany(c => c).ToArray(), Enumerable.Range(0, bytes.Length / 4).Select(i => BitConverter.ToSingle(bytes, 4 * i)).ToArray());
    }

    [Fact]
    public void A_code_wider_than_the_column_or_nan_values_are_refused()
    {
        var data = MlNetData.Load(_context, Images, size: 16);
        Assert.Contains("larger", Assert.Throws<QuiltNetException>(() => _context.Transforms.FitBottleneck("C", "Features", codeWidth: 17).Fit(data)).Message);
        var nan = MlNetData.Load(_context, new SampleSet(Images.Slice(0, Images.Count).Select(p => p > 0.5f ? float.NaN : p).ToArray(), Images.Labels, Images.SampleShape, Images.Source), size: 16);
        Assert.Contains("NaN", Assert.Throws<QuiltNetException>(() => _context.Transforms.FitBottleneck("C", "Features", codeWidth: 4).Fit(nan)).Message);
    }
}
