namespace QuiltNet.Optimizer.Plans;

/// <summary>
/// Whether an accuracy loss keeps a budget. Losses are differences of fractions of the evaluation set, so a loss of
/// exactly the budget can come out a rounding error above it (1.0000000000000009 pp); that still keeps it.
/// </summary>
internal static class AccuracyBudget
{
    public static bool Keeps(double lossPp, double budgetPp) => lossPp <= budgetPp + 1e-9;
}
