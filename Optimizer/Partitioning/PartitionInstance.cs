using QuiltNet.Graph;
using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.Costs;

namespace QuiltNet.Optimizer.Partitioning;

/// <summary>
/// One partitioning problem with every cost the solver needs, taken from the cost model and scaled to
/// integers: stages per (segment, chip type), encoders and decoders per (cut, option, chip type), transfers
/// per (cut, option, sending chip type, route kind) and the host links. Stage boundaries are indices into
/// <see cref="Boundaries"/>: position 0, the candidate cuts in order, and the end of the model.
/// </summary>
internal sealed class PartitionInstance
{
    private readonly Dictionary<(int Type, int From, int To), ScaledCost> segments = [];
    private readonly Dictionary<(int Boundary, int Choice, int Type, int Route), ScaledCost> links = [];
    private readonly long[] elements;
    private readonly double[] macsBefore, parametersBefore;
    private long?[]? fastest;

    public PartitionInstance(CostModel cost, HwSystem system, CompressionMenu menu, PartitionOptions options)
    {
        var profile = cost.Profile;
        Cost = cost;
        System = system;
        Menu = menu;
        Options = options;
        var cuts = profile.Cuts.OrderBy(c => c.Position).ToList();
        var unknown = menu.Positions.Except(cuts.Select(c => c.Position)).Order().ToList();
        if (unknown.Count > 0)
            throw new QuiltNetException("compression menu", $"position {unknown[0]} is not a candidate cut of {Path.GetFileName(profile.Model)}");

        Boundaries = [0, .. cuts.Select(c => c.Position), profile.Layers.Count];
        elements = [0, .. cuts.Select(c => c.Tensors.Sum(t => t.Elements)), 0];
        // An option whose drop alone is over the budget can never be chosen.
        Choices = Boundaries.Select(position => (IReadOnlyList<CutChoice>)
            [CutChoice.Uncompressed, .. options.AllowCompression ? menu.At(position).Select(o => new CutChoice(o)).Where(c => c.Drop <= Scaling.Budget(options.AccuracyBudgetPp)) : []]).ToList();
        Types = ChipType.Of(system);
        Routes = RouteKind.Of(system);
        Slots = Math.Min(Math.Min(system.Chips.Count, options.MaxChips ?? int.MaxValue), Boundaries.Count - 1);

        macsBefore = Prefix(profile.Layers.Select(l => (double)l.Macs));
        parametersBefore = Prefix(profile.Layers.Select(l => (double)l.Parameters));
        var hostIn = Types.Select(t => CostModel.Transfer("host", t.Representative.Id, [system.HostLink], profile.Inputs.Sum(i => i.Elements), t.Chip.ActivationBytesPerElement.Value)).ToList();
        var hostOut = Types.Select(t => CostModel.Transfer(t.Representative.Id, "host", [system.HostLink], profile.Outputs.Sum(o => o.Elements), t.Chip.ActivationBytesPerElement.Value)).ToList();
        Scaling = new Scaling(ReferencePeriod(hostIn, hostOut), ReferencePower());
        HostIn = hostIn.Select(l => new ScaledCost(Scaling.Time(l.TimeSeconds), Scaling.Energy(l.EnergyJoules))).ToList();
        HostOut = hostOut.Select(l => new ScaledCost(Scaling.Time(l.TimeSeconds), Scaling.Energy(l.EnergyJoules))).ToList();
        // An encoder or decoder alone is the stage cost of an empty node range with only that compression:
        // the cost model adds codec work on top of the layers', independent of them.
        Encoders = Codecs((type, position, compression) => cost.Stage(0, type.Representative, position, position, null, compression));
        Decoders = Codecs((type, position, compression) => cost.Stage(0, type.Representative, position, position, compression, null));
    }

    public CostModel Cost { get; }

    /// <summary>Stops every solve of this problem (CP-SAT's StopSearch) when cancelled.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Static power of the links one cut keeps up, on its cheapest route kind (exact where all routes are alike).</summary>
    public double CutLinkStaticWatts => Routes.Count == 0 ? 0 : Routes.Min(r => r.Path.Sum(l => l.StaticPowerWatts.Value));

    /// <summary>Static power of every chip of the system, scaled: all stay powered while the pipeline runs, idle ones included.</summary>
    public long BoardsStaticPower => Scaling.Power(System.Chips.Sum(c => c.Chip.StaticPowerWatts.Value));

    /// <summary>Static power of one host link (the pipeline keeps one up at its first chip and one at its last).</summary>
    public double HostLinkStaticWatts => System.HostLink.StaticPowerWatts.Value;

    public HwSystem System { get; }

    public CompressionMenu Menu { get; }

    public PartitionOptions Options { get; }

    public Scaling Scaling { get; }

    /// <summary>Node positions where a stage may begin or end: 0, each candidate cut, the layer count.</summary>
    public IReadOnlyList<int> Boundaries { get; }

    public int Last => Boundaries.Count - 1;

    /// <summary>Per boundary, how a cut there may be sent; index 0 is uncompressed.</summary>
    public IReadOnlyList<IReadOnlyList<CutChoice>> Choices { get; }

    public IReadOnlyList<ChipType> Types { get; }

    public IReadOnlyList<RouteKind> Routes { get; }

    /// <summary>
    /// The route kinds that join a chip of type <paramref name="from"/> to another chip of type <paramref name="to"/>:
    /// the transfers the chain relaxation may assume between two stages of those types.
    /// </summary>
    public IReadOnlyList<int> RoutesBetween(int from, int to)
    {
        var type = new int[System.Chips.Count];
        foreach (var t in Types)
            foreach (int c in t.Chips) type[c] = t.Index;
        return Routes.Where(r => r.Pairs.Any(p => type[p.From] == from && type[p.To] == to)).Select(r => r.Index).ToList();
    }

    /// <summary>The most stages a plan can have: chips (or the chip limit), or one per node range.</summary>
    public int Slots { get; }

    /// <summary>Per chip type, host → chip with the model's inputs.</summary>
    public IReadOnlyList<ScaledCost> HostIn { get; }

    /// <summary>Per chip type, chip → host with the model's outputs.</summary>
    public IReadOnlyList<ScaledCost> HostOut { get; }

    /// <summary>[boundary][choice][type]: the encoder at the end of the stage that sends the cut.</summary>
    public IReadOnlyList<IReadOnlyList<IReadOnlyList<ScaledCost>>> Encoders { get; }

    /// <summary>[boundary][choice][type]: the decoder at the start of the stage that receives the cut.</summary>
    public IReadOnlyList<IReadOnlyList<IReadOnlyList<ScaledCost>>> Decoders { get; }

    public long Capacity(int type) => Scaling.BytesHeld(Types[type].Chip.CapacityBytes);

    /// <summary>A stage over boundaries [from, to) on a chip of the type, priced by the cost model (cached).</summary>
    public ScaledCost Stage(int type, int from, int to)
    {
        if (!segments.TryGetValue((type, from, to), out var scaled))
        {
            var stage = Cost.Stage(0, Types[type].Representative, Boundaries[from], Boundaries[to]);
            scaled = new ScaledCost(Scaling.Time(stage.TimeSeconds), Scaling.Energy(stage.DynamicEnergyJoules), Scaling.BytesUsed(stage.MemoryUsedBytes));
            segments[(type, from, to)] = scaled;
        }
        return scaled;
    }

    /// <summary>
    /// Every stage that fits its chip type's memory and takes at most <paramref name="cap"/> time units, between
    /// boundaries whose cut can cross some route within the cap. A stage never takes less than its MACs at the
    /// chip's MAC rate, nor holds less than its weights, and both only grow as it takes in more nodes: so each
    /// stage start stops looking once either bound is past.
    /// </summary>
    public IReadOnlyList<Segment> Segments(long cap)
    {
        var found = new List<Segment>();
        double capSeconds = Scaling.Seconds(cap) * (1 + 1e-9);
        var usable = Enumerable.Range(0, Boundaries.Count).Select(b => b == 0 || b == Last || FastestLink(b) <= cap).ToList();
        foreach (var type in Types)
        {
            double rate = type.Chip.EffectiveMacsPerSecond, weightBytes = type.Chip.WeightBytesPerElement.Value;
            long capacity = Capacity(type.Index);
            for (int from = 0; from < Last; from++)
                for (int to = from + 1; to <= Last && usable[from]; to++)
                {
                    int start = Boundaries[from], end = Boundaries[to];
                    if ((macsBefore[end] - macsBefore[start]) / rate > capSeconds || (parametersBefore[end] - parametersBefore[start]) * weightBytes > capacity)
                        break;
                    var cost = Stage(type.Index, from, to);
                    if (usable[to] && cost.Time <= cap && cost.Memory <= capacity)
                        found.Add(new Segment(from, to, type.Index, cost));
                }
        }
        return found;
    }

    /// <summary>The least time the cut at an inner boundary can take on the wire: its best choice, from the best chip type, over the best route.</summary>
    public long FastestLink(int boundary)
    {
        fastest ??= new long?[Boundaries.Count];
        return fastest[boundary] ??= Routes.Count == 0 ? long.MaxValue :
            (from j in Enumerable.Range(0, Choices[boundary].Count)
             from t in Types
             from r in Routes
             select Link(boundary, j, t.Index, r.Index).Time).Min();
    }

    /// <summary>The cut at a boundary, sent with a choice from a chip of the type over a route of the kind (cached).</summary>
    public ScaledCost Link(int boundary, int choice, int type, int route)
    {
        if (!links.TryGetValue((boundary, choice, type, route), out var scaled))
        {
            var transfer = CostModel.Transfer("", "", Routes[route].Path, elements[boundary], Types[type].Chip.ActivationBytesPerElement.Value, Choices[boundary][choice].Compression);
            scaled = new ScaledCost(Scaling.Time(transfer.TimeSeconds), Scaling.Energy(transfer.EnergyJoules));
            links[(boundary, choice, type, route)] = scaled;
        }
        return scaled;
    }

    // The model's MACs spread over the fastest chips a plan may use: no plan computes faster.
    private double ComputeSeconds() => macsBefore[^1] / System.Chips.Select(c => c.Chip.EffectiveMacsPerSecond).OrderDescending().Take(Slots).Sum();

    // A lower bound on every plan's period: the compute bound, and the host links every plan has.
    private double ReferencePeriod(IReadOnlyList<LinkCost> hostIn, IReadOnlyList<LinkCost> hostOut)
    {
        double period = Math.Max(ComputeSeconds(), Math.Max(hostIn.Min(l => l.TimeSeconds), hostOut.Min(l => l.TimeSeconds)));
        return period > 0 ? period : 1e-9;
    }

    // The larger of the chips' static powers and the power of the model's MACs at the compute bound,
    // so neither static nor dynamic energies are lost to rounding.
    private double ReferencePower()
    {
        double seconds = ComputeSeconds();
        double dynamic = seconds > 0 ? macsBefore[^1] * Types.Min(t => t.Chip.MacEnergyPicojoules.Value) * 1e-12 / seconds : 0;
        double power = Math.Max(Types.Max(t => t.Chip.StaticPowerWatts.Value), dynamic);
        return power > 0 ? power : 1;
    }

    private IReadOnlyList<IReadOnlyList<IReadOnlyList<ScaledCost>>> Codecs(Func<ChipType, int, CutCompression, StageCost> price) =>
        Boundaries.Select((position, b) => (IReadOnlyList<IReadOnlyList<ScaledCost>>)Choices[b].Select(choice => (IReadOnlyList<ScaledCost>)Types.Select(type =>
        {
            var stage = price(type, position, choice.Compression);
            return new ScaledCost(Scaling.Time(stage.TimeSeconds), Scaling.Energy(stage.DynamicEnergyJoules), Scaling.BytesUsed(stage.WeightBytes));
        }).ToList()).ToList()).ToList();

    private static double[] Prefix(IEnumerable<double> values)
    {
        var list = values.ToList();
        var sums = new double[list.Count + 1];
        for (int i = 0; i < list.Count; i++) sums[i + 1] = sums[i] + list[i];
        return sums;
    }
}
