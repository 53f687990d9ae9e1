using System.Globalization;
using Google.OrTools.Sat;

namespace QuiltNet.Optimizer.Partitioning;

/// <summary>
/// What both integer programs (<see cref="ChainModel"/>, <see cref="SlotModel"/>) share: the CP-SAT model, the
/// bottleneck T (at most the time cap: every stage, transfer and host link time is at most T), the
/// objectives, solving, and the helpers that keep figures bounded (CP-SAT rejects models that might
/// overflow 64 bits). Figures are integers from <see cref="Scaling"/>.
/// </summary>
internal abstract class IntegerProgram
{
    private readonly List<IntVar> variables = [];
    private IntVar? energy;
    private LinearExpr? objective;
    private long longest;

    protected IntegerProgram(PartitionInstance instance, long cap)
    {
        Instance = instance;
        Cap = cap;
        Bottleneck = Int(0, cap, "T");
    }

    /// <summary>The pipeline's period in time units: at least every stage, transfer and host link.</summary>
    public IntVar Bottleneck { get; }

    public string Statistics => string.Create(CultureInfo.InvariantCulture, $"{variables.Count} variables, {Segments} candidate stages");

    protected PartitionInstance Instance { get; }

    protected CpModel Model { get; } = new();

    protected long Cap { get; }

    protected abstract int Segments { get; }

    /// <summary>The longest period any plan of the program can have: the cap, or the largest time figure if that is less.</summary>
    private long Reach => Math.Min(Cap, longest);

    public void MinimizeBottleneck() => Model.Minimize(objective = Bottleneck);

    /// <summary>Energy per inference, or (for <see cref="PartitionObjective.Edp"/>) energy × period with energy coarsened by <see cref="Scaling.EdpEnergyDivisor"/>, rounded up.</summary>
    public void Minimize(PartitionObjective objective)
    {
        var energy = Energy();
        if (objective != PartitionObjective.Edp)
        {
            Model.Minimize(this.objective = energy);
            return;
        }
        // The divisor grows past 2^10 only where the product might otherwise pass 2^60.
        long energyMax = energy.Proto.Domain[^1];
        long divisor = Math.Max(Scaling.EdpEnergyDivisor, (long)Math.Ceiling((double)energyMax * Reach / (1L << 60)));
        long coarseMax = energyMax / divisor + 1;
        var coarse = Int(0, coarseMax, "energyCoarse");
        Model.Add(coarse * divisor >= energy);
        var product = Int(0, coarseMax * Reach, "edp");
        Model.AddMultiplicationEquality(product, coarse, Bottleneck);
        Model.Minimize(this.objective = product);
    }

    /// <summary>
    /// Keeps the objective last minimised at most <paramref name="value"/> and minimises instead an order on plans:
    /// earliest cuts first, then the menu's first choices, then the lowest chips (<see cref="CanonicalTiers"/>). Among
    /// equally good plans this picks one by the plan alone, not by which of CP-SAT's parallel workers got there first.
    /// </summary>
    public void PreferCanonical(long value)
    {
        Model.Add(objective! <= value);
        LinearExpr order = LinearExpr.Constant(0);
        foreach (var tier in CanonicalTiers())
            order = order * (tier.Max + 1) + tier.Expression;
        Model.Minimize(order);
    }

    /// <summary>The order <see cref="PreferCanonical"/> minimises, most significant tier first; products of the tiers' ranges must stay far below 2^63.</summary>
    protected abstract IEnumerable<Bounded> CanonicalTiers();

    /// <summary>Where the chosen stages start and on which chip type: no two paths of two stages tie.</summary>
    protected Bounded StageOrder(IEnumerable<(BoolVar Var, Segment Segment)> stages)
    {
        int types = Instance.Types.Count;
        var list = stages.ToList();
        return new Bounded(LinearExpr.WeightedSum(list.Select(s => s.Var), list.Select(s => (long)s.Segment.From * 2 * types + s.Segment.Type)),
            Instance.Slots * ((long)Instance.Last * 2 * types + types));
    }

    /// <summary>The menu position of each cut's choice: the first (uncompressed) lowest.</summary>
    protected Bounded ChoiceOrder(IEnumerable<BoolVar[]> cuts)
    {
        var list = cuts.SelectMany(choices => choices.Select((v, j) => (Var: v, Index: (long)j))).ToList();
        return new Bounded(LinearExpr.WeightedSum(list.Select(c => c.Var), list.Select(c => c.Index)), Instance.Slots * Instance.Choices.Max(c => (long)c.Count));
    }

    public void LimitBottleneck(long units) => Model.Add(Bottleneck <= units);

    /// <summary>States a lower bound proven elsewhere (by <see cref="PeriodBound"/> or an infeasible smaller cap), so the solver need not prove it again.</summary>
    public void LimitBottleneckFromBelow(long units) => Model.Add(Bottleneck >= units);

    /// <summary>Suggests these stages (from <see cref="PeriodBound.Path"/>) as where the search starts, each cut sent with <see cref="HintedChoice"/>.</summary>
    public abstract void HintPath(IReadOnlyList<Segment> path);

    /// <summary>For a hinted cut: the choice that costs the least accuracy among those that cross some route within the cap.</summary>
    protected int HintedChoice(int boundary)
    {
        var choices = Instance.Choices[boundary];
        return Enumerable.Range(0, choices.Count)
            .Where(j => Instance.Types.Any(t => Instance.Routes.Any(r => Instance.Link(boundary, j, t.Index, r.Index).Time <= Cap)))
            .DefaultIfEmpty(0)
            .MinBy(j => choices[j].Drop);
    }

    /// <summary>Starts the next search from a solution of this model.</summary>
    public void Hint(CpSolver solved)
    {
        Model.ClearHints();
        foreach (var variable in variables)
            Model.AddHint(variable, solved.Value(variable));
    }

    public CpSolverStatus Solve(CpSolver solver, double seconds, int workers)
    {
        solver.StringParameters = string.Create(CultureInfo.InvariantCulture, $"max_time_in_seconds:{Math.Max(seconds, 0.001)}")
            + (workers > 0 ? $" num_workers:{workers}" : "");
        // Ctrl+C reaches CP-SAT's own stop flag: the search ends within moments, not at the time limit.
        using (Instance.Cancellation.Register(solver.StopSearch))
        {
            var status = solver.Solve(Model);
            Instance.Cancellation.ThrowIfCancellationRequested();
            return status;
        }
    }

    public long EnergyValue(CpSolver solved) => solved.Value(Energy());

    /// <summary>The solution as stages in order: node range and chip type, the chip where the program knows it, and how the cut after it is sent.</summary>
    public abstract IReadOnlyList<PlannedStage> Read(CpSolver solved);

    /// <summary>Dynamic energy per inference: stages, codecs, transfers and host links.</summary>
    protected abstract IEnumerable<Bounded> DynamicEnergy();

    /// <summary>Static power of every chip of the system and of the links kept up, in power units.</summary>
    protected abstract Bounded StaticPower();

    protected BoolVar Bool(string name)
    {
        var variable = Model.NewBoolVar(name);
        variables.Add(variable);
        return variable;
    }

    protected IntVar Int(long lower, long upper, string name)
    {
        var variable = Model.NewIntVar(lower, upper, name);
        variables.Add(variable);
        return variable;
    }

    /// <summary>T is at least the figure, where all of <paramref name="when"/> hold.</summary>
    protected void BottleneckAtLeast(Bounded figure, params BoolVar[] when)
    {
        Model.Add(Bottleneck >= figure.Expression).OnlyEnforceIf(when);
        longest = Math.Max(longest, figure.Max);
    }

    /// <summary>A boolean that equals a sum of booleans (of which at most one is true), for use as a condition.</summary>
    protected BoolVar BoolOf(IEnumerable<BoolVar> terms, string name)
    {
        var variable = Bool(name);
        Model.Add(variable == LinearExpr.Sum(terms));
        return variable;
    }

    /// <summary>
    /// A figure that takes one of several values depending on which case holds (at most one does): with one
    /// case the value itself, otherwise a variable that each case's value holds up under that case's
    /// condition. It is only ever pressed down (it bounds T from below, or adds to energy), so it equals the value.
    /// </summary>
    protected Bounded PerCase(IReadOnlyList<(Weighted Value, BoolVar[] When)> cases, string name)
    {
        if (cases.Count <= 1) return cases.Count == 0 ? new Bounded(LinearExpr.Constant(0), 0) : cases[0].Value.Bounded;
        long max = cases.Max(c => c.Value.Max);
        var figure = Int(0, max, name);
        foreach (var (value, when) in cases)
            Model.Add(figure >= value.Expression).OnlyEnforceIf(when);
        return new Bounded(figure, max);
    }

    // Energy per inference: the dynamic energies plus the static power of the powered chips and links over one period
    // (T × their summed power: the product of two integers, see Scaling).
    private IntVar Energy()
    {
        if (energy is not null) return energy;
        var terms = DynamicEnergy().ToList();
        var power = StaticPower();
        var powerVar = Int(0, power.Max, "staticPower");
        Model.Add(powerVar == power.Expression);
        // No plan is slower than its slowest figure, so T can stay within it; that bounds the product.
        Model.Add(Bottleneck <= Reach);
        var staticEnergy = Int(0, power.Max * Reach, "staticEnergy");
        Model.AddMultiplicationEquality(staticEnergy, Bottleneck, powerVar);
        terms.Add(new Bounded(staticEnergy, power.Max * Reach));
        energy = Int(0, terms.Sum(t => t.Max), "energy");
        Model.Add(energy == LinearExpr.Sum(terms.Select(t => t.Expression)));
        return energy;
    }

    /// <summary>An expression and its largest value, which bounds the variables built on it.</summary>
    protected readonly record struct Bounded(LinearExpr Expression, long Max);

    /// <summary>
    /// A weighted sum of booleans in groups of which at most one is true (a stage's segments, its encoder
    /// choices, its decoder choices), so its largest value is the sum of the groups' largest coefficients.
    /// </summary>
    protected sealed class Weighted
    {
        private readonly List<BoolVar> vars = [];
        private readonly List<long> coefficients = [];
        private readonly List<long> groupMaxima = [0];

        public long Max => groupMaxima.Sum();

        public LinearExpr Expression => LinearExpr.WeightedSum(vars, coefficients);

        public Bounded Bounded => new(Expression, Max);

        public Weighted Add(BoolVar v, long coefficient)
        {
            vars.Add(v);
            coefficients.Add(coefficient);
            groupMaxima[^1] = Math.Max(groupMaxima[^1], coefficient);
            return this;
        }

        public Weighted NextGroup()
        {
            groupMaxima.Add(0);
            return this;
        }
    }
}

/// <summary>One stage of a solution: its node range and chip type, its chip (-1 where the program does not place chips), and how the cut after it is sent (null for the last).</summary>
internal sealed record PlannedStage(Segment Segment, int Chip, CutChoice? Cut);
