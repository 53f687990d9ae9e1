using Google.OrTools.Sat;

namespace QuiltNet.Optimizer.Partitioning;

/// <summary>
/// The relaxation the partitioner solves first: stages as a path of segments from the model's start to its
/// end, each on a chip type, no more stages of a type than the system has chips of it, and each cut on the
/// best route between a chip of the sending type and one of the receiving type. Which chip is which is left
/// out, so the program has one variable per candidate stage instead of one per stage and slot, and its
/// optimum bounds every real plan's. <see cref="Partitioner"/> then places its stages on chips with a
/// <see cref="SlotModel"/> holding just those stages; on regular systems the best routes are there to be had
/// and the placement costs exactly what the relaxation said, which proves it optimal.
/// <list type="number">
/// <item>Variables: x (segment s is a stage), y (the cut at boundary b is sent with choice j), and which chip
/// type ends and starts at each boundary.</item>
/// <item>Constraints: the stages form one path (what ends at a boundary starts there, and is a cut with one
/// choice), chips per type, the accuracy budget, memory and time of each stage with its codecs, each cut's
/// transfer and the host links within T.</item>
/// </list>
/// </summary>
internal sealed class ChainModel : IntegerProgram
{
    private readonly IReadOnlyList<Segment> segments;
    private readonly BoolVar[] x;
    private readonly Dictionary<int, BoolVar[]> y;
    private readonly Dictionary<int, BoolVar[]> startOf, endOf;
    private readonly ILookup<int, int> byFrom, byTo;

    public ChainModel(PartitionInstance instance, long cap)
        : base(instance, cap)
    {
        segments = SlotSegments.Assign(instance.Segments(cap), instance.Boundaries.Count, instance.Slots).SelectMany(s => s).Distinct().ToList();
        int types = instance.Types.Count;
        byFrom = Enumerable.Range(0, segments.Count).ToLookup(i => segments[i].From);
        byTo = Enumerable.Range(0, segments.Count).ToLookup(i => segments[i].To);

        // 1. Variables.
        x = segments.Select(s => Bool($"x{s.From}_{s.To}_t{s.Type}")).ToArray();
        y = segments.Where(s => s.To != instance.Last).Select(s => s.To).Distinct()
            .ToDictionary(b => b, b => instance.Choices[b].Select((_, j) => Bool($"y{b}_{j}")).ToArray());
        startOf = byFrom.ToDictionary(g => g.Key, g => Enumerable.Range(0, types)
            .Select(t => BoolOf(g.Where(i => segments[i].Type == t).Select(i => x[i]), $"start{g.Key}_t{t}")).ToArray());
        endOf = byTo.ToDictionary(g => g.Key, g => Enumerable.Range(0, types)
            .Select(t => BoolOf(g.Where(i => segments[i].Type == t).Select(i => x[i]), $"end{g.Key}_t{t}")).ToArray());

        // 2. Constraints: one path of stages from the start to the end; a stage ends where the next starts.
        Model.Add(LinearExpr.Sum(Starting(0)) == 1);
        foreach (var (b, choices) in y)
        {
            Model.Add(LinearExpr.Sum(Ending(b)) == LinearExpr.Sum(Starting(b)));
            Model.Add(LinearExpr.Sum(choices) == LinearExpr.Sum(Ending(b)));
        }
        foreach (int b in startOf.Keys.Where(b => b != 0 && !y.ContainsKey(b)))
            Model.Add(LinearExpr.Sum(Starting(b)) == 0);

        // Chips: no more stages of a type than chips of it, nor more stages than the plan may use.
        foreach (var type in instance.Types)
            Model.Add(LinearExpr.Sum(Indices(s => s.Type == type.Index).Select(i => x[i])) <= type.Chips.Count);
        Model.Add(LinearExpr.Sum(x) <= instance.Slots);

        // Accuracy: the chosen options' measured drops add up to at most the budget.
        var cuts = y.SelectMany(pair => pair.Value.Select((v, j) => (Var: v, Drop: instance.Choices[pair.Key][j].Drop))).ToList();
        Model.Add(LinearExpr.WeightedSum(cuts.Select(c => c.Var), cuts.Select(c => c.Drop)) <= Scaling.Budget(instance.Options.AccuracyBudgetPp));

        // Each stage, with its decoder and encoder, fits its chip and takes at most T.
        for (int i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            var memory = Codecs(s, c => c.Memory);
            if (s.Cost.Memory + memory.Max > instance.Capacity(s.Type))
                Model.Add(memory.Expression + s.Cost.Memory <= instance.Capacity(s.Type)).OnlyEnforceIf(x[i]);
            var time = Codecs(s, c => c.Time);
            if (time.Max == 0) BottleneckAtLeast(new Bounded(s.Cost.Time * x[i], s.Cost.Time));
            else BottleneckAtLeast(new Bounded(time.Expression + s.Cost.Time, time.Max + s.Cost.Time), x[i]);
        }

        // The same, summed per boundary without a condition (one stage starts and one ends at a used boundary,
        // codecs on the cheapest type), so the linear relaxation sees codec time too.
        foreach (int b in startOf.Keys)
            BottleneckAtLeast(BoundaryFigure(b, byFrom[b], Instance.Decoders, c => c.Time).Bounded);
        foreach (int b in endOf.Keys)
            BottleneckAtLeast(BoundaryFigure(b, byTo[b], Instance.Encoders, c => c.Time).Bounded);

        // Each cut crosses the best route from a chip of the sending type to one of the receiving type; two
        // types that no route joins (a type with one chip, twice in a row) cannot follow each other.
        foreach (int b in y.Keys.Where(startOf.ContainsKey))
        {
            foreach (var from in instance.Types)
                foreach (var to in instance.Types.Where(to => instance.RoutesBetween(from.Index, to.Index).Count == 0))
                    Model.AddBoolOr([endOf[b][from.Index].Not(), startOf[b][to.Index].Not()]);
            BottleneckAtLeast(TransferFigure(b, c => c.Time));
        }

        // Host links: the model's inputs go to the first stage's chip, its outputs come back from the last.
        BottleneckAtLeast(HostFigure(Starting(0), Instance.HostIn, h => h.Time).Bounded);
        BottleneckAtLeast(HostFigure(Ending(instance.Last), Instance.HostOut, h => h.Time).Bounded);
    }

    protected override int Segments => segments.Count;

    public override void HintPath(IReadOnlyList<Segment> path)
    {
        var stages = path.ToHashSet();
        for (int i = 0; i < segments.Count; i++) Model.AddHint(x[i], stages.Contains(segments[i]));
        foreach (var (b, choices) in y)
            for (int j = 0; j < choices.Length; j++) Model.AddHint(choices[j], j == HintedChoice(b) && path.Any(s => s.To == b));
    }

    public override IReadOnlyList<PlannedStage> Read(CpSolver solved)
    {
        var stages = new List<PlannedStage>();
        for (int at = 0; at != Instance.Last;)
        {
            var segment = segments[byFrom[at].First(i => solved.BooleanValue(x[i]))];
            var cut = segment.To == Instance.Last ? null : Instance.Choices[segment.To][Array.FindIndex(y[segment.To], v => solved.BooleanValue(v))];
            stages.Add(new PlannedStage(segment, -1, cut));
            at = segment.To;
        }
        return stages;
    }

    protected override IEnumerable<Bounded> DynamicEnergy()
    {
        var stages = new Weighted();
        for (int i = 0; i < segments.Count; i++) stages.Add(x[i], segments[i].Cost.Energy);
        yield return new Bounded(stages.Expression, stages.Max * Instance.Slots);
        // At each cut the encoder runs on the sending stage's chip, the decoder on the receiving one's (a cut
        // where no stage can start is never used).
        foreach (var (b, choices) in y.Where(pair => startOf.ContainsKey(pair.Key)))
        {
            yield return PerCase(Instance.Types.Select(t => (Over(choices, j => Instance.Encoders[b][j][t.Index].Energy), new[] { endOf[b][t.Index] })).ToList(), $"encoderEnergy{b}");
            yield return PerCase(Instance.Types.Select(t => (Over(choices, j => Instance.Decoders[b][j][t.Index].Energy), new[] { startOf[b][t.Index] })).ToList(), $"decoderEnergy{b}");
            yield return TransferFigure(b, c => c.Energy);
        }
        yield return HostFigure(Starting(0), Instance.HostIn, h => h.Energy).Bounded;
        yield return HostFigure(Ending(Instance.Last), Instance.HostOut, h => h.Energy).Bounded;
    }

    protected override Bounded StaticPower()
    {
        long chips = Instance.BoardsStaticPower;
        long host = Instance.Scaling.Power(Instance.HostLinkStaticWatts), cut = Instance.Scaling.Power(Instance.CutLinkStaticWatts);
        // Each stage: the link to the next stage, and the host link where it starts or ends the pipeline.
        long Links(Segment s) => (s.From == 0 ? host : 0) + (s.To == Instance.Last ? (s.From == 0 ? 0 : host) : cut);
        var power = chips + LinearExpr.WeightedSum(x, segments.Select(Links));
        return new Bounded(power, chips + 2 * host + cut * Instance.Slots);
    }

    // A stage's decoder (at its start) and encoder (at its end) on its chip type.
    private Weighted Codecs(Segment s, Func<ScaledCost, long> figure)
    {
        var sum = new Weighted();
        if (y.TryGetValue(s.From, out var incoming))
            for (int j = 0; j < incoming.Length; j++) sum.Add(incoming[j], figure(Instance.Decoders[s.From][j][s.Type]));
        sum.NextGroup();
        if (y.TryGetValue(s.To, out var outgoing))
            for (int j = 0; j < outgoing.Length; j++) sum.Add(outgoing[j], figure(Instance.Encoders[s.To][j][s.Type]));
        return sum;
    }

    // The stages that start (or end) at boundary b, with the decoders (or encoders) there on their cheapest type.
    private Weighted BoundaryFigure(int b, IEnumerable<int> stages, IReadOnlyList<IReadOnlyList<IReadOnlyList<ScaledCost>>> codecs, Func<ScaledCost, long> figure)
    {
        var sum = new Weighted();
        foreach (int i in stages) sum.Add(x[i], figure(segments[i].Cost));
        sum.NextGroup();
        if (y.TryGetValue(b, out var choices))
            for (int j = 0; j < choices.Length; j++) sum.Add(choices[j], codecs[b][j].Min(figure));
        return sum;
    }

    // The cut at boundary b on the best route between the types that end and start there.
    private Bounded TransferFigure(int b, Func<ScaledCost, long> figure)
    {
        if (!startOf.TryGetValue(b, out var starts)) return new Bounded(LinearExpr.Constant(0), 0);
        var cases = (from source in Instance.Types
                     from target in Instance.Types
                     let routes = Instance.RoutesBetween(source.Index, target.Index)
                     where routes.Count > 0
                     select (Over(y[b], j => routes.Min(r => figure(Instance.Link(b, j, source.Index, r)))), new[] { endOf[b][source.Index], starts[target.Index] })).ToList();
        return PerCase(cases, $"transfer{b}");
    }

    // The host link of the chip type that starts (or ends) the pipeline.
    private static Weighted HostFigure(IEnumerable<BoolVar> typeAt, IReadOnlyList<ScaledCost> host, Func<ScaledCost, long> figure)
    {
        var sum = new Weighted();
        foreach (var (atType, t) in typeAt.Select((v, t) => (v, t))) sum.Add(atType, figure(host[t]));
        return sum;
    }

    private static Weighted Over(BoolVar[] choices, Func<int, long> cost)
    {
        var sum = new Weighted();
        for (int j = 0; j < choices.Length; j++) sum.Add(choices[j], cost(j));
        return sum;
    }

    // Per chip type, whether a stage of it starts (ends) at boundary b; nothing where no candidate stage does.
    protected override IEnumerable<Bounded> CanonicalTiers() => [StageOrder(x.Zip(segments)), ChoiceOrder(y.Values)];

    private IEnumerable<BoolVar> Starting(int b) => startOf.TryGetValue(b, out var types) ? types : [];

    private IEnumerable<BoolVar> Ending(int b) => endOf.TryGetValue(b, out var types) ? types : [];

    private IEnumerable<int> Indices(Func<Segment, bool> where) => Enumerable.Range(0, segments.Count).Where(i => where(segments[i]));
}
