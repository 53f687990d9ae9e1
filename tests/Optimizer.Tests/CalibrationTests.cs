using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.Calibration;
using QuiltNet.Optimizer.Costs;

namespace QuiltNet.Optimizer.Tests;

/// <summary>A calibration table: stored in the chip entry, read back, and used by the cost model where present.</summary>
public sealed class CalibrationTests
{
    private static readonly OperatorCalibration Table = new(
        "test calibration",
        new Figure(0.5e-6, FigureQuality.Measured, "dispatch"),
        new Figure(3e-6, FigureQuality.Measured, "run"),
        new Figure(8e9, FigureQuality.Measured, "vector"),
        new Figure(12e9, FigureQuality.Measured, "copy"),
        [
            new MacRatePoint(OperatorClass.Convolution, 288, 25088, 90e9),
            new MacRatePoint(OperatorClass.Convolution, 9, 25088, 5e9),
            new MacRatePoint(OperatorClass.Pointwise, 64, 50176, 95e9),
            new MacRatePoint(OperatorClass.Depthwise, 9, 50176, 25e9),
            new MacRatePoint(OperatorClass.MatMul, 128, 6400, 40e9),
            new MacRatePoint(OperatorClass.ActivationMatMul, 64, 16384, 12e9),
        ]);

    private static readonly CpuMeasurement Measurement = new(2, 45e9, 25e9, 4e-6, 3 << 20, 8L << 30, "test processor",
        new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero), Table, "test cache");

    private static Chip Calibrated() =>
        HardwareCatalog.FromJson(CpuCatalogWriter.ToJson(Measurement), "calibration.json").Chip(CpuCatalogWriter.ChipName);

    [Fact]
    public void A_calibration_table_round_trips_through_the_catalog()
    {
        var chip = Calibrated();
        var table = Assert.IsType<OperatorCalibration>(chip.Calibration);
        Assert.Equal(Table.Source, table.Source);
        Assert.Equal(Table.DispatchSeconds, table.DispatchSeconds);
        Assert.Equal(Table.RunOverheadSeconds, table.RunOverheadSeconds);
        Assert.Equal(Table.VectorFlopsPerSecond, table.VectorFlopsPerSecond);
        Assert.Equal(Table.CopyBytesPerSecond, table.CopyBytesPerSecond);
        Assert.Equal(Table.MacRates, table.MacRates);
        Assert.Equal(3 << 20, chip.SramBytes.Value);
        Assert.Equal("test cache", chip.SramBytes.Note);
    }

    [Fact]
    public void Convolutions_are_classed_by_their_shape_read_from_the_profile()
    {
        var profile = ProfileCache.Get("fmnist_mobilenet");
        var classes = profile.Layers.Where(l => l.OpType == "Conv").Select(OperatorTime.Classify).ToList();
        Assert.Contains(OperatorClass.Depthwise, classes);
        Assert.Contains(OperatorClass.Pointwise, classes);
        Assert.Equal(OperatorClass.Convolution, classes[0]); // the stem: one input channel, 3×3
    }

    [Fact]
    public void Attention_products_of_two_activations_are_classed_apart_from_matmuls_with_weights()
    {
        var products = ProfileCache.Get("fmnist_vit").Layers.Where(l => l.OpType is "MatMul" or "Gemm").ToLookup(l => l.Parameters > 0);
        Assert.All(products[true], l => Assert.Equal(OperatorClass.MatMul, OperatorTime.Classify(l)));
        // Six blocks, each with the scores (queries by keys) and the weighted sum of the values.
        Assert.Equal(12, products[false].Count());
        Assert.All(products[false], l => Assert.Equal(OperatorClass.ActivationMatMul, OperatorTime.Classify(l)));

        // A table from before the class was measured prices them with the MatMul's points.
        var older = Table with { MacRates = Table.MacRates.Where(p => p.Class != OperatorClass.ActivationMatMul).ToList() };
        var layer = products[false].First();
        Assert.Equal(OperatorTime.MacRate(older, OperatorClass.MatMul, layer), OperatorTime.MacRate(older, OperatorClass.ActivationMatMul, layer));
        Assert.Equal(12e9, OperatorTime.MacRate(Table, OperatorClass.ActivationMatMul, layer), 1e-6 * 12e9);
    }

    [Fact]
    public void A_calibrated_stage_costs_its_run_overhead_plus_each_operator_as_the_printable_function_says()
    {
        var profile = ProfileCache.Get("fmnist_vit");
        var system = HardwareCatalog.FromJson(CpuCatalogWriter.ToJson(Measurement with { CacheBytesPerCore = 1L << 30 }), "calibration.json").System(CpuCatalogWriter.SystemName);
        var chip = system.Chips[0].Chip;
        var stage = new CostModel(profile).Stage(0, system.Chips[0], 0, profile.Layers.Count);
        double sum = Table.RunOverheadSeconds.Value + profile.Layers.Select((l, i) => OperatorTime.Seconds(chip, l, i > 0 ? profile.Layers[i - 1] : null)).Sum();
        Assert.Equal(sum, stage.TimeSeconds, 12);
        // Non-MAC operators are no longer free: a ViT spends much of its time outside its matrix products.
        double macOnly = profile.Layers.Where(l => l.Macs > 0).Sum(l => OperatorTime.Seconds(chip, l, null));
        Assert.True(stage.TimeSeconds > 1.2 * macOnly);
    }

    [Fact]
    public void A_measured_shape_gets_its_own_rate_and_a_shape_between_two_gets_a_rate_between_them()
    {
        var convolutions = ProfileCache.Get("fmnist_vgg").Layers.Where(l => l.OpType == "Conv").ToList();
        var stem = convolutions[0]; // 1 → 32 channels, 3×3, 28×28: depth 9, 25,088 outputs, measured exactly
        Assert.Equal(5e9, OperatorTime.MacRate(Table, OperatorClass.Convolution, stem), 1);
        var layer = convolutions[1]; // 32 → 64, 3×3, 14×14: depth 288 like a measured shape, half its outputs
        double between = OperatorTime.MacRate(Table, OperatorClass.Convolution, layer);
        Assert.InRange(between, 50e9, 90e9);
        // A class never measured borrows the convolution's rates.
        var sparse = Table with { MacRates = Table.MacRates.Where(p => p.Class == OperatorClass.Convolution).ToList() };
        Assert.Equal(OperatorTime.MacRate(sparse, OperatorClass.Convolution, layer), OperatorTime.MacRate(sparse, OperatorClass.MatMul, layer), 1e-6);
    }

    [Fact]
    public void A_chip_without_calibration_keeps_the_roofline()
    {
        var profile = ProfileCache.Get("fmnist_vit");
        var chip = Catalogs.Chain(1, macsPerSecond: 1e10).Chips[0].Chip;
        Assert.All(profile.Layers, l => Assert.Equal(l.Macs / chip.EffectiveMacsPerSecond, OperatorTime.Seconds(chip, l, null), 15));
    }
}
