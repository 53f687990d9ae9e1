using QuiltNet.Graph;
using QuiltNet.Optimizer.AutoML;

namespace QuiltNet.Optimizer.Tests.AutoML;

public sealed class SearchSpaceTests
{
    [Fact]
    public void An_empty_search_space_is_refused()
    {
        var error = Assert.Throws<QuiltNetException>(() => new SearchSpace());
        Assert.Equal("search space", error.Input);
        Assert.Contains("no parameters", error.Problem);
    }

    [Fact]
    public void Bad_parameter_definitions_are_refused_naming_the_parameter()
    {
        Assert.Contains("min 3 is not less than max 3", Assert.Throws<QuiltNetException>(() => new UniformInt("chips", 3, 3)).Message);
        Assert.Contains("min 2 is not less than max 1", Assert.Throws<QuiltNetException>(() => new UniformFloat("rate", 2, 1)).Message);
        Assert.Contains("log scale needs min > 0", Assert.Throws<QuiltNetException>(() => new UniformFloat("rate", 0, 1, logScale: true)).Message);
        Assert.Contains("log scale needs min > 0", Assert.Throws<QuiltNetException>(() => new UniformInt("n", -1, 8, logScale: true)).Message);
        Assert.Contains("must be finite", Assert.Throws<QuiltNetException>(() => new UniformFloat("rate", 0, double.PositiveInfinity)).Message);
        var empty = Assert.Throws<QuiltNetException>(() => new Choice("kind"));
        Assert.Equal("search space parameter 'kind'", empty.Input);
        Assert.Contains("no options", empty.Problem);
        Assert.Contains("'8' appears more than once", Assert.Throws<QuiltNetException>(() => new Choice("bits", 4, 8, 8)).Message);
        Assert.Contains("empty name", Assert.Throws<QuiltNetException>(() => new UniformInt(" ", 0, 1)).Message);
        Assert.Contains("'x' is defined more than once",
            Assert.Throws<QuiltNetException>(() => new SearchSpace(new UniformInt("x", 0, 1), new UniformFloat("x", 0, 1))).Message);
    }

    [Fact]
    public void Every_value_maps_into_the_unit_cube_and_back()
    {
        var space = new SearchSpace(
            new UniformInt("n", -3, 5), new UniformInt("log n", 1, 1000, logScale: true),
            new UniformFloat("x", -2.5, 7), new UniformFloat("log x", 1e-5, 10, logScale: true),
            new Choice("kind", "linear", "relu", "refined"), new Choice("bits", 4, 8, 16));
        var random = new Random(7);
        for (int i = 0; i < 2000; i++)
        {
            var point = Enumerable.Range(0, space.Count).Select(_ => random.NextDouble()).ToArray();
            var parameters = space.FromUnitCube(point);
            var unit = space.ToUnitCube(parameters);
            Assert.All(unit, u => Assert.InRange(u, 0, 1));
            var back = space.FromUnitCube(unit);
            foreach (string name in new[] { "n", "log n", "kind", "bits" }) Assert.Equal(parameters[name], back[name]);
            Assert.Equal(parameters.GetDouble("x"), back.GetDouble("x"), 12);
            Assert.Equal(parameters.GetDouble("log x"), back.GetDouble("log x"), 1e-12 * parameters.GetDouble("log x"));
            Assert.InRange(parameters.GetDouble("log x"), 1e-5, 10);
        }
    }

    [Fact]
    public void Integers_and_choices_are_equally_likely_under_uniform_sampling()
    {
        var space = new SearchSpace(new UniformInt("n", 1, 4), new Choice("kind", "a", "b", "c"));
        var random = new Random(1);
        var samples = Enumerable.Range(0, 12000).Select(_ => space.FromUnitCube([random.NextDouble(), random.NextDouble()])).ToList();
        foreach (var group in samples.GroupBy(p => p.GetInt("n"))) Assert.InRange(group.Count(), 2700, 3300);
        Assert.Equal([1, 2, 3, 4], samples.Select(p => p.GetInt("n")).Distinct().Order());
        foreach (var group in samples.GroupBy(p => p.GetString("kind"))) Assert.InRange(group.Count(), 3700, 4300);
    }

    [Fact]
    public void A_log_scale_puts_the_geometric_middle_at_the_cube_centre()
    {
        var space = new SearchSpace(new UniformFloat("rate", 1e-4, 1, logScale: true));
        Assert.Equal(1e-2, space.FromUnitCube([0.5]).GetDouble("rate"), 1e-12);
        Assert.Equal(0.25, space.ToUnitCube(new Parameters([new("rate", 1e-3)]))[0], 12);
        Assert.Equal(1e-4, space.FromUnitCube([-3]).GetDouble("rate"));
        Assert.Equal(1, space.FromUnitCube([4]).GetDouble("rate"));
    }

    [Fact]
    public void Checking_values_from_outside_orders_them_and_names_the_source_of_a_bad_one()
    {
        var space = Objectives.MixedSpace;
        var good = new Dictionary<string, ParameterValue> { ["kind"] = "b", ["shift"] = 0.25, ["width"] = 3, ["rate"] = 0.5 };
        Assert.Equal(["rate", "width", "shift", "kind"], space.Check(good, "here").Keys);
        var wrong = new Dictionary<string, ParameterValue>(good) { ["width"] = 2.5 };
        Assert.Equal("trials.jsonl line 3: width = 2.5 is not a whole number in [1, 16]", Assert.Throws<QuiltNetException>(() => space.Check(wrong, "trials.jsonl line 3")).Message);
        Assert.Contains("kind = d is not one of a, b, c", Assert.Throws<QuiltNetException>(() => space.Check(new Dictionary<string, ParameterValue>(good) { ["kind"] = "d" }, "x")).Message);
        Assert.Contains("'extra' is not in the search space", Assert.Throws<QuiltNetException>(() => space.Check(new Dictionary<string, ParameterValue>(good) { ["extra"] = 1 }, "x")).Message);
        good.Remove("rate");
        Assert.Contains("'rate' has no value", Assert.Throws<QuiltNetException>(() => space.Check(good, "x")).Message);
    }

    [Fact]
    public void Parameter_values_read_back_as_their_kind()
    {
        var p = new Parameters([new("bits", 8), new("kind", "relu"), new("rate", 0.5)]);
        Assert.Equal(8, p.GetInt("bits"));
        Assert.Equal("relu", p.GetString("kind"));
        Assert.Throws<InvalidOperationException>(() => p.GetInt("rate"));
        Assert.Throws<InvalidOperationException>(() => p.GetDouble("kind"));
        Assert.Throws<KeyNotFoundException>(() => p.GetInt("missing"));
        Assert.Equal(new Parameters([new("bits", 8.0), new("kind", "relu"), new("rate", 0.5)]), p);
        Assert.Equal("bits=8, kind=relu, rate=0.5", p.ToString());
    }
}
