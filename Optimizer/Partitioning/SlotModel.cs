using Google.OrTools.Sat;

namespace QuiltNet.Optimizer.Partitioning;

/// <summary>
/// The exact integer program. Stages are slots 0, 1, … in the model's topological order; each used slot
/// holds one segment (a node range between two boundaries, priced for a chip type), runs on one chip of
/// that type, and, unless it is the last, ends at a cut sent with one choice from the menu.
/// <list type="number">
/// <item>Variables: x (slot k holds segment i), y (slot k's cut is at boundary b, sent with choice j),
/// chip (slot k runs on chip c), the slot's chip type, and the route kind to the next slot's chip.</item>
/// <item>Constraints: slots chain (slot k+1 starts where slot k's cut is), one chip per used slot and each
/// chip at most once, the transfer takes the route between the two chips, memory per chip, the accuracy
/// budget, and every stage (with its codecs), transfer and host link within T.</item>
/// <item>Objective: T, energy or energy × T (<see cref="IntegerProgram"/>).</item>
/// </list>
/// Figures that depend on the slot's chip type or route are <see cref="IntegerProgram.PerCase"/> variables;
/// an unconditional bound with the cheapest case beside them keeps the linear relaxation tight.
/// </summary>
internal sealed class SlotModel : IntegerProgram
{
    private readonly IReadOnlyList<IReadOnlyList<Segment>> segments;
    private readonly int slots;
    private readonly BoolVar[][] x;
    private readonly Dictionary<int, BoolVar[]>[] y;
    private readonly BoolVar[] used;
    private readonly BoolVar[,] chipOf, typeOf, routeOf;

    /// <summary>Every plan within the cap.</summary>
    public SlotModel(PartitionInstance instance, long cap)
        : this(instance, cap, SlotSegments.Assign(instance.Segments(cap), instance.Boundaries.Count, instance.Slots))
    {
    }

    /// <summary>The plans whose slot k holds one of <paramref name="segments"/>[k].</summary>
    public SlotModel(PartitionInstance instance, long cap, IReadOnlyList<IReadOnlyList<Segment>> segments)
        : base(instance, cap)
    {
        this.segments = segments;
        slots = segments.Count;
        int chips = instance.System.Chips.Count, types = instance.Types.Count, routes = instance.Routes.Count;

        // 1. Variables.
        x = segments.Select((list, k) => list.Select(s => Bool($"x{k}_{s.From}_{s.To}_t{s.Type}")).ToArray()).ToArray();
        y = segments.Select((list, k) => list.Where(s => s.To != instance.Last).Select(s => s.To).Distinct()
            .ToDictionary(b => b, b => instance.Choices[b].Select((_, j) => Bool($"y{k}_{b}_{j}")).ToArray())).ToArray();
        used = Enumerable.Range(0, slots).Select(k => BoolOf(x[k], $"used{k}")).ToArray();
        chipOf = Grid(slots, chips, (k, c) => Bool($"chip{k}_{c}"));
        typeOf = Grid(slots, types, (k, t) => BoolOf(instance.Types[t].Chips.Select(c => chipOf[k, c]), $"type{k}_{t}"));
        routeOf = Grid(slots - 1, routes, (k, r) => Bool($"route{k}_{r}"));

        // 2. Constraints: slot 0 is used, and each slot's cut is where the next slot starts.
        Model.Add(used[0] == 1);
        for (int k = 0; k < slots; k++)
        {
            foreach (var (b, choices) in y[k])
                Model.Add(LinearExpr.Sum(choices) == EndingAt(k, b));
            if (k + 1 < slots)
                foreach (int b in y[k].Keys.Union(segments[k + 1].Select(s => s.From)))
                    Model.Add(StartingAt(k + 1, b) == (y[k].TryGetValue(b, out var choices) ? LinearExpr.Sum(choices) : LinearExpr.Constant(0)));
        }

        // Chips: one per used slot, of the type its segment was priced for; each chip at most once.
        for (int k = 0; k < slots; k++)
        {
            Model.Add(LinearExpr.Sum(Row(chipOf, k)) == used[k]);
            foreach (var type in instance.Types)
                Model.Add(typeOf[k, type.Index] == LinearExpr.Sum(Indices(k, s => s.Type == type.Index).Select(i => x[k][i])));
        }
        for (int c = 0; c < chips; c++)
            Model.AddAtMostOne(Enumerable.Range(0, slots).Select(k => chipOf[k, c]));

        // Topology: the transfer from slot k to slot k+1 takes the route between their chips.
        for (int k = 0; k + 1 < slots; k++)
        {
            if (routes == 1)
            {
                Model.Add(routeOf[k, 0] == used[k + 1]);
                continue;
            }
            var pairs = new List<(BoolVar Var, int Route)>();
            foreach (var route in instance.Routes)
                foreach (var (from, to) in route.Pairs)
                {
                    var pair = Bool($"pair{k}_{from}_{to}");
                    Model.AddImplication(pair, chipOf[k, from]);
                    Model.AddImplication(pair, chipOf[k + 1, to]);
                    pairs.Add((pair, route.Index));
                }
            Model.Add(LinearExpr.Sum(pairs.Select(p => p.Var)) == used[k + 1]);
            foreach (var route in instance.Routes)
                Model.Add(routeOf[k, route.Index] == LinearExpr.Sum(pairs.Where(p => p.Route == route.Index).Select(p => p.Var)));
        }

        // Accuracy: the chosen options' measured drops add up to at most the budget.
        var cuts = Enumerable.Range(0, slots).SelectMany(Cuts).ToList();
        Model.Add(LinearExpr.WeightedSum(cuts.Select(c => c.Var), cuts.Select(c => instance.Choices[c.Boundary][c.Choice].Drop))
                  <= Scaling.Budget(instance.Options.AccuracyBudgetPp));

        for (int k = 0; k < slots; k++)
        {
            // Memory: weights, live activations and codec weights fit the slot's chip.
            foreach (var type in instance.Types)
                Model.Add(SlotFigure(k, type.Index, c => c.Memory).Expression <= instance.Capacity(type.Index)).OnlyEnforceIf(typeOf[k, type.Index]);

            // Every stage, with its decoder and encoder, takes at most T …
            BottleneckAtLeast(PerCase(instance.Types.Select(t => (SlotFigure(k, t.Index, c => c.Time), new[] { typeOf[k, t.Index] })).ToList(), $"stage{k}"));
            if (types > 1) BottleneckAtLeast(SlotFigure(k, null, c => c.Time).Bounded);

            // … and so does every transfer between stages.
            if (k + 1 < slots)
                BottleneckAtLeast(TransferFigure(k, c => c.Time));
        }

        // Host links: the model's inputs go to the first stage's chip, its outputs come back from the last.
        BottleneckAtLeast(FirstStageFigure(h => h.Time).Bounded);
        BottleneckAtLeast(LastStageFigure(h => h.Time).Bounded);
    }

    protected override int Segments => segments.Sum(s => s.Count);

    /// <summary>Suggests slot k's chip (a hint only: the solver may move it).</summary>
    public void HintChips(IReadOnlyList<int> chips)
    {
        for (int k = 0; k < chips.Count; k++)
            for (int c = 0; c < chipOf.GetLength(1); c++)
                Model.AddHint(chipOf[k, c], c == chips[k]);
    }

    public override void HintPath(IReadOnlyList<Segment> path)
    {
        for (int k = 0; k < slots; k++)
        {
            for (int i = 0; i < x[k].Length; i++) Model.AddHint(x[k][i], k < path.Count && segments[k][i] == path[k]);
            foreach (var (b, choices) in y[k])
                for (int j = 0; j < choices.Length; j++) Model.AddHint(choices[j], k < path.Count && path[k].To == b && j == HintedChoice(b));
        }
    }

    public override IReadOnlyList<PlannedStage> Read(CpSolver solved)
    {
        var stages = new List<PlannedStage>();
        for (int k = 0; k < slots && solved.BooleanValue(used[k]); k++)
        {
            var segment = segments[k][Array.FindIndex(x[k], v => solved.BooleanValue(v))];
            int chip = Enumerable.Range(0, Instance.System.Chips.Count).First(c => solved.BooleanValue(chipOf[k, c]));
            var cut = segment.To == Instance.Last ? null : Instance.Choices[segment.To][Array.FindIndex(y[k][segment.To], v => solved.BooleanValue(v))];
            stages.Add(new PlannedStage(segment, chip, cut));
        }
        return stages;
    }

    protected override IEnumerable<Bounded> DynamicEnergy()
    {
        for (int k = 0; k < slots; k++)
        {
            yield return PerCase(Instance.Types.Select(t => (SlotFigure(k, t.Index, c => c.Energy), new[] { typeOf[k, t.Index] })).ToList(), $"energy{k}");
            if (k + 1 < slots)
                yield return TransferFigure(k, c => c.Energy);
        }
        yield return FirstStageFigure(h => h.Energy).Bounded;
        yield return LastStageFigure(h => h.Energy).Bounded;
    }

    protected override Bounded StaticPower()
    {
        var power = new Weighted();
        // The host links at the first and the last stage (one when a single stage is both), and each cut's links.
        long host = Instance.Scaling.Power(Instance.HostLinkStaticWatts), cut = Instance.Scaling.Power(Instance.CutLinkStaticWatts);
        power.Add(used[0], host).NextGroup().Add(slots > 1 ? used[1] : used[0], slots > 1 ? host : 0).NextGroup();
        for (int k = 1; k < slots; k++, power.NextGroup())
            power.Add(used[k], cut);
        return new Bounded(Instance.BoardsStaticPower + power.Expression, Instance.BoardsStaticPower + power.Max);
    }

    // Slot k's segment on a chip of the type, with its decoder (from slot k-1's cut) and its encoder. With no
    // type given: each segment on its own type, codecs on the cheapest type (a bound that needs no condition).
    private Weighted SlotFigure(int k, int? type, Func<ScaledCost, long> figure)
    {
        long Codec(IReadOnlyList<ScaledCost> perType) => type is { } t ? figure(perType[t]) : perType.Min(figure);
        var sum = new Weighted();
        foreach (int i in Indices(k, s => type is null || s.Type == type))
            sum.Add(x[k][i], figure(segments[k][i].Cost));
        sum.NextGroup();
        foreach (var (b, j, v) in Cuts(k))
            sum.Add(v, Codec(Instance.Encoders[b][j]));
        sum.NextGroup();
        if (k > 0)
            foreach (var (b, j, v) in Cuts(k - 1))
                sum.Add(v, Codec(Instance.Decoders[b][j]));
        return sum;
    }

    // Slot k's cut on the wire: it depends on the sending chip's type and the route to the next chip.
    private Bounded TransferFigure(int k, Func<ScaledCost, long> figure)
    {
        var cuts = Cuts(k).ToList();
        Weighted Over(Func<int, int, long> cost)
        {
            var sum = new Weighted();
            foreach (var (b, j, v) in cuts) sum.Add(v, cost(b, j));
            return sum;
        }
        var cases = (from t in Instance.Types
                     from r in Instance.Routes
                     select (Over((b, j) => figure(Instance.Link(b, j, t.Index, r.Index))), new[] { typeOf[k, t.Index], routeOf[k, r.Index] })).ToList();
        var value = PerCase(cases, $"transfer{k}");
        if (cases.Count > 1)
        {
            // Unconditional: each cut costs at least its cheapest (type, route), for the linear relaxation.
            var cheapest = Over((b, j) => (from t in Instance.Types from r in Instance.Routes select figure(Instance.Link(b, j, t.Index, r.Index))).Min());
            Model.Add(value.Expression >= cheapest.Expression);
        }
        return value;
    }

    // The first stage's chip type decides the host link in.
    private Weighted FirstStageFigure(Func<ScaledCost, long> figure)
    {
        var sum = new Weighted();
        foreach (var type in Instance.Types) sum.Add(typeOf[0, type.Index], figure(Instance.HostIn[type.Index]));
        return sum;
    }

    // The last stage's chip type, read off the segment that reaches the model's end, decides the host link out.
    private Weighted LastStageFigure(Func<ScaledCost, long> figure)
    {
        var sum = new Weighted();
        for (int k = 0; k < slots; k++)
            foreach (int i in Indices(k, s => s.To == Instance.Last))
                sum.Add(x[k][i], figure(Instance.HostOut[segments[k][i].Type]));
        return sum;
    }

    // As the relaxation's order, then the chips: the lower chip to the earlier slot.
    protected override IEnumerable<Bounded> CanonicalTiers()
    {
        int chips = Instance.System.Chips.Count;
        yield return StageOrder(x.SelectMany((vars, k) => vars.Zip(segments[k])));
        yield return ChoiceOrder(y.SelectMany(perSlot => perSlot.Values));
        var placed = Enumerable.Range(0, slots).SelectMany(k => Enumerable.Range(0, chips).Select(c => (Var: chipOf[k, c], Weight: (long)c * (slots - k)))).ToList();
        yield return new Bounded(LinearExpr.WeightedSum(placed.Select(p => p.Var), placed.Select(p => p.Weight)), (long)chips * slots * slots);
    }

    private LinearExpr EndingAt(int k, int b) => LinearExpr.Sum(Indices(k, s => s.To == b).Select(i => x[k][i]));

    private LinearExpr StartingAt(int k, int b) => LinearExpr.Sum(Indices(k, s => s.From == b).Select(i => x[k][i]));

    private IEnumerable<int> Indices(int k, Func<Segment, bool> where) => Enumerable.Range(0, segments[k].Count).Where(i => where(segments[k][i]));

    private IEnumerable<(int Boundary, int Choice, BoolVar Var)> Cuts(int k) =>
        y[k].SelectMany(pair => pair.Value.Select((v, j) => (pair.Key, j, v)));

    private static IEnumerable<BoolVar> Row(BoolVar[,] grid, int k) => Enumerable.Range(0, grid.GetLength(1)).Select(j => grid[k, j]);

    private static BoolVar[,] Grid(int rows, int columns, Func<int, int, BoolVar> create)
    {
        var grid = new BoolVar[Math.Max(rows, 0), columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
                grid[r, c] = create(r, c);
        return grid;
    }
}
