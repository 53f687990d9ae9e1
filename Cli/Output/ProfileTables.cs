using QuiltNet.Graph;
using QuiltNet.Optimizer.Reports;
using Spectre.Console;

namespace QuiltNet.Cli.Output;

/// <summary>Console rendering of a <see cref="ModelProfile"/>: layers, totals, candidate cuts.</summary>
public static class ProfileTables
{
    public static void Write(IAnsiConsole console, ModelProfile profile)
    {
        console.WriteLine($"Model:  {profile.Model}");
        console.WriteLine($"Inputs: {string.Join(", ", profile.Inputs.Select(i => $"{i.Name} {i.ElementType.OnnxName()} {i.ShapeText}"))} (shapes from {profile.ShapeSource})");

        var layers = new Table().Title("Layers").AddColumns("#", "node", "op", "output shape");
        layers.AddColumn(new TableColumn("MACs").RightAligned());
        layers.AddColumn(new TableColumn("weights").RightAligned());
        layers.AddColumn(new TableColumn("output").RightAligned());
        foreach (var layer in profile.Layers)
            layers.AddRow(
                layer.Position.ToString(), Markup.Escape(layer.Name), layer.CostEstimated ? layer.OpType + " *" : layer.OpType,
                string.Join(", ", layer.Outputs.Select(o => o.ShapeText)),
                HumanUnits.Count(layer.Macs), HumanUnits.Bytes(layer.WeightBytes), HumanUnits.Bytes(layer.OutputBytes));
        console.Write(layers);
        if (profile.Layers.Any(l => l.CostEstimated))
            console.WriteLine("* no cost rule for this operator: costed as one FLOP per output element");

        var totals = profile.Totals;
        var summary = new Table().Title("Totals").AddColumns("MACs", "FLOPs", "parameters", "weight bytes", "activation bytes");
        summary.AddRow(
            $"{HumanUnits.Count(totals.Macs)} ({totals.Macs:N0})", HumanUnits.Count(totals.Flops), $"{HumanUnits.Count(totals.Parameters)} ({totals.Parameters:N0})",
            HumanUnits.Bytes(totals.WeightBytes), HumanUnits.Bytes(totals.OutputBytes));
        console.Write(summary);

        var cuts = new Table().Title($"Candidate cuts ({profile.Cuts.Count})").AddColumns("position", "after node", "tensors");
        cuts.AddColumn(new TableColumn("bytes sent").RightAligned());
        foreach (var cut in profile.Cuts)
            cuts.AddRow(
                cut.Position.ToString(), Markup.Escape(profile.Layers[cut.Position - 1].Name),
                Markup.Escape(string.Join(", ", cut.Tensors.Select(t => $"{t.Name} {t.ShapeText}"))),
                HumanUnits.Bytes(cut.Bytes));
        console.Write(cuts);
    }
}
