using System.Text.Json.Nodes;

namespace QuiltNet.HwCatalog.Tests;

public class UnitConversionTests
{
    [Theory]
    [InlineData("bandwidthBytesPerSecond", 100, "GB/s", 1e11)]
    [InlineData("bandwidthBytesPerSecond", 3.94, "GB/s", 3.94e9)]
    [InlineData("bandwidthBytesPerSecond", 1.3, "TB/s", 1.3e12)]
    [InlineData("bandwidthBytesPerSecond", 5, "MB/s", 5e6)]
    [InlineData("bandwidthBytesPerSecond", 5, "KB/s", 5e3)]
    [InlineData("bandwidthBytesPerSecond", 7, "B/s", 7)]
    [InlineData("bandwidthBytesPerSecond", 10, "Gb/s", 1.25e9)]
    [InlineData("bandwidthBytesPerSecond", 1, "GiB/s", 1073741824)]
    [InlineData("latencySecondsPerHop", 20, "ns", 2e-8)]
    [InlineData("latencySecondsPerHop", 2.2, "us", 2.2e-6)]
    [InlineData("latencySecondsPerHop", 2.2, "µs", 2.2e-6)]
    [InlineData("latencySecondsPerHop", 3, "ms", 3e-3)]
    [InlineData("latencySecondsPerHop", 1, "s", 1)]
    [InlineData("energyPicojoulesPerBit", 0.5, "pJ/b", 0.5)]
    [InlineData("energyPicojoulesPerBit", 8, "pJ/B", 1)]
    [InlineData("energyPicojoulesPerBit", 1, "nJ/B", 125)]
    public void Link_figures_convert_to_the_unit_their_name_states(string property, double value, string unit, double expected)
    {
        var link = Samples.LinkJson("probe");
        link[property] = new JsonObject { ["value"] = value, ["unit"] = unit, ["quality"] = "verified" };

        var figure = FigureOf(Samples.Load(Samples.Catalog(links: [link])).Link("probe"), property);

        Assert.Equal(expected, figure.Value, expected * 1e-12);
        Assert.Equal(FigureQuality.Verified, figure.Quality);
    }

    [Theory]
    [InlineData("peakMacsPerSecond", 33.6, "GMAC/s", 3.36e10)]
    [InlineData("peakMacsPerSecond", 2.005, "TMAC/s", 2.005e12)]
    [InlineData("peakMacsPerSecond", 1000, "MAC/s", 1000)]
    [InlineData("sramBytes", 8, "GiB", 8589934592)]
    [InlineData("sramBytes", 28, "MiB", 29360128)]
    [InlineData("sramBytes", 2, "KiB", 2048)]
    [InlineData("sramBytes", 192, "KB", 192000)]
    [InlineData("sramBytes", 2.5, "MB", 2.5e6)]
    [InlineData("dramBytes", 80, "GB", 8e10)]
    [InlineData("dramBytes", 4, "Gb", 5e8)]
    [InlineData("macEnergyPicojoules", 0.22, "pJ/MAC", 0.22)]
    [InlineData("macEnergyPicojoules", 230, "fJ/MAC", 0.23)]
    [InlineData("sramEnergyPicojoulesPerByte", 1, "nJ/B", 1000)]
    [InlineData("dramEnergyPicojoulesPerByte", 20, "pJ/b", 160)]
    [InlineData("staticPowerWatts", 28, "mW", 0.028)]
    [InlineData("staticPowerWatts", 700, "W", 700)]
    [InlineData("weightBytesPerElement", 4, "b/element", 0.5)]
    [InlineData("utilization", 0.8, "1", 0.8)]
    public void Chip_figures_convert_to_the_unit_their_name_states(string property, double value, string unit, double expected)
    {
        var chip = Samples.ChipJson("probe");
        chip[property] = new JsonObject { ["value"] = value, ["unit"] = unit, ["quality"] = "derived", ["note"] = "how" };

        var figure = FigureOf(Samples.Load(Samples.Catalog(chips: [chip])).Chip("probe"), property);

        Assert.Equal(expected, figure.Value, expected * 1e-12);
        Assert.Equal(new Figure(figure.Value, FigureQuality.Derived, "how"), figure);
    }

    [Fact]
    public void A_bare_number_is_in_the_canonical_unit_and_approximate()
    {
        var link = Samples.LinkJson("probe", bandwidth: 2.5e9);

        var figure = Samples.Load(Samples.Catalog(links: [link])).Link("probe").BandwidthBytesPerSecond;

        Assert.Equal(new Figure(2.5e9, FigureQuality.Approximate, null), figure);
    }

    [Fact]
    public void An_object_without_unit_or_quality_is_in_the_canonical_unit_and_approximate()
    {
        var link = Samples.LinkJson("probe");
        link["latencySecondsPerHop"] = new JsonObject { ["value"] = 1e-6, ["note"] = "guess" };

        var figure = Samples.Load(Samples.Catalog(links: [link])).Link("probe").LatencySecondsPerHop;

        Assert.Equal(new Figure(1e-6, FigureQuality.Approximate, "guess"), figure);
    }

    [Fact]
    public void Measured_quality_is_kept()
    {
        var chip = Samples.ChipJson("probe");
        chip["peakMacsPerSecond"] = new JsonObject { ["value"] = 51.2, ["unit"] = "GMAC/s", ["quality"] = "measured", ["note"] = "calibrated" };

        var figure = Samples.Load(Samples.Catalog(chips: [chip])).Chip("probe").PeakMacsPerSecond;

        Assert.Equal(FigureQuality.Measured, figure.Quality);
    }

    private static Figure FigureOf(object entry, string jsonName) =>
        (Figure)entry.GetType().GetProperty(char.ToUpperInvariant(jsonName[0]) + jsonName[1..])!.GetValue(entry)!;
}
