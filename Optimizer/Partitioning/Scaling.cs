namespace QuiltNet.Optimizer.Partitioning;

/// <summary>
/// The one place where the partitioner's figures become the integers CP-SAT works with. The reported
/// figures never come from these integers: a solved layout is scored again by the simulator.
/// <list type="bullet">
/// <item>Time: a reference period (a lower bound on every plan's period) is 2^20 units, so any plan's
/// period is resolved to one part in a million or better. Times round up, so a layout the solver
/// accepts under a bound meets it in seconds too; the solver's optimum is within one unit of the true one.</item>
/// <item>Power: a reference power (the larger of the chips' static powers and the model's compute
/// power over the reference period) is 2^10 units.</item>
/// <item>Energy: one unit is one time unit at one power unit, so a pipeline's static energy (period ×
/// static power of the powered chips and links) is the plain product of two integers. Energies round to nearest.</item>
/// <item>Energy–delay product: energy is first divided by 2^10 (rounding up), or by more where the product
/// of two integers could otherwise pass 2^60.</item>
/// <item>Accuracy: 10^-6 percentage points. Bytes: whole bytes, use rounded up, capacity down.</item>
/// </list>
/// </summary>
public sealed class Scaling
{
    /// <summary>Time units in one reference period (2^20).</summary>
    public const long UnitsPerReferencePeriod = 1L << 20;

    /// <summary>Power units in the reference power (2^10).</summary>
    public const long UnitsPerReferencePower = 1L << 10;

    /// <summary>The least divisor of energy units in the energy–delay product (2^10).</summary>
    public const long EdpEnergyDivisor = 1L << 10;

    /// <summary>One accuracy unit, in percentage points.</summary>
    public const double AccuracyUnitPp = 1e-6;

    /// <summary>The longest time the model holds: 2^20 reference periods. Anything slower is never part of a plan.</summary>
    public const long MaxTime = UnitsPerReferencePeriod << 20;

    private const long MaxEnergy = 1L << 52;

    /// <summary>The units for a problem whose plans' periods are at least <paramref name="referencePeriodSeconds"/>.</summary>
    /// <param name="referencePeriodSeconds">A lower bound on every plan's period, in seconds.</param>
    /// <param name="referencePowerWatts">The larger of the chips' static powers and the model's compute power over the reference period, in watts.</param>
    /// <exception cref="ArgumentOutOfRangeException">Either figure is not positive.</exception>
    public Scaling(double referencePeriodSeconds, double referencePowerWatts)
    {
        if (!(referencePeriodSeconds > 0) || !(referencePowerWatts > 0))
            throw new ArgumentOutOfRangeException(nameof(referencePeriodSeconds), "reference period and power must be positive");
        TimeUnitSeconds = referencePeriodSeconds / UnitsPerReferencePeriod;
        PowerUnitWatts = referencePowerWatts / UnitsPerReferencePower;
    }

    /// <summary>One time unit, in seconds.</summary>
    public double TimeUnitSeconds { get; }

    /// <summary>One power unit, in watts.</summary>
    public double PowerUnitWatts { get; }

    /// <summary>One energy unit (a time unit at a power unit), in joules.</summary>
    public double EnergyUnitJoules => TimeUnitSeconds * PowerUnitWatts;

    /// <summary>Seconds to units, rounded up; beyond <see cref="MaxTime"/> it saturates one past it.</summary>
    public long Time(double seconds) => (long)Math.Min(Math.Ceiling(seconds / TimeUnitSeconds), MaxTime + 1);

    /// <summary>Time units to seconds.</summary>
    public double Seconds(long units) => units * TimeUnitSeconds;

    /// <summary>Joules to units, rounded; saturating at 2^52 so sums of a few hundred terms stay within 64 bits.</summary>
    public long Energy(double joules) => (long)Math.Min(Math.Round(joules / EnergyUnitJoules), MaxEnergy);

    /// <summary>Energy units to joules.</summary>
    public double Joules(long units) => units * EnergyUnitJoules;

    /// <summary>Watts to power units, rounded.</summary>
    public long Power(double watts) => (long)Math.Round(watts / PowerUnitWatts);

    /// <summary>A measured accuracy drop. A negative drop counts as none: measurement noise is no credit to spend on another cut.</summary>
    public static long Drop(double pp) => (long)Math.Round(Math.Max(0, pp) / AccuracyUnitPp);

    /// <summary>An accuracy budget in percentage points to units, rounded.</summary>
    public static long Budget(double pp) => (long)Math.Round(pp / AccuracyUnitPp);

    /// <summary>Bytes used, rounded up to whole bytes.</summary>
    public static long BytesUsed(double bytes) => (long)Math.Ceiling(bytes);

    /// <summary>A capacity in bytes, rounded down to whole bytes.</summary>
    public static long BytesHeld(double bytes) => (long)Math.Floor(bytes);
}
