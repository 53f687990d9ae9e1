using QuiltNet.Graph;
using QuiltNet.HwCatalog;

namespace QuiltNet.Optimizer.Costs;

/// <summary>
/// The analytical cost model of DESIGN.md. Per layer on a chip: time = max(MACs / (peak × utilisation),
/// off-chip bytes / DRAM bandwidth). The stage's activations get SRAM first; weights fill what is left in
/// layer order and are loaded once, the rest stream from DRAM every inference; activations that do not
/// fit spill to DRAM too. Dynamic energy = MACs·e_MAC + on-chip bytes·e_SRAM + off-chip bytes·e_DRAM.
/// Per cut: time = route latency + bytes / bottleneck bandwidth, energy = bits·Σ e_bit over the hops,
/// with bytes at the sending chip's activation precision unless the cut is compressed.
/// </summary>
public sealed class CostModel
{
    private const double PicoJoule = 1e-12;

    public CostModel(ModelProfile profile) => Profile = profile;

    public ModelProfile Profile { get; }

    public StageCost Stage(int index, SystemChip chip, int start, int end, CutCompression? incoming = null, CutCompression? outgoing = null)
    {
        var c = chip.Chip;
        double activationBytes = c.ActivationBytesPerElement.Value, weightBytesPerElement = c.WeightBytesPerElement.Value;
        var layers = Profile.Layers.Skip(start).Take(end - start).ToList();
        long codecMacs = (incoming?.DecoderMacs ?? 0) + (outgoing?.EncoderMacs ?? 0);
        long codecParameters = (incoming?.DecoderParameters ?? 0) + (outgoing?.EncoderParameters ?? 0);

        double peakActivations = layers.Select(l => l.LiveElements * activationBytes).DefaultIfEmpty(0).Max();
        double sram = c.SramBytes.Value;
        bool activationsFit = peakActivations <= sram;
        double weightBudget = Math.Max(0, sram - (activationsFit ? peakActivations : 0));

        double macRate = c.EffectiveMacsPerSecond, dramRate = c.DramBandwidthBytesPerSecond.Value;
        double time = 0, energy = 0, offChipTotal = 0, residentTotal = 0, weightTotal = codecParameters * weightBytesPerElement;
        foreach (var layer in layers)
        {
            double weights = layer.Parameters * weightBytesPerElement;
            double resident = Math.Clamp(weightBudget - residentTotal, 0, weights);
            residentTotal += resident;
            weightTotal += weights;
            double activations = (layer.InputElements + layer.OutputElements) * activationBytes;
            double offChip = weights - resident + (activationsFit ? 0 : activations);
            double onChip = resident + (activationsFit ? activations : 0);
            time += Math.Max(layer.Macs / macRate, offChip == 0 ? 0 : offChip / dramRate);
            energy += layer.Macs * c.MacEnergyPicojoules.Value + onChip * c.SramEnergyPicojoulesPerByte.Value + offChip * c.DramEnergyPicojoulesPerByte.Value;
            offChipTotal += offChip;
        }
        // Encoder and decoder are 1×1 convolutions over small tensors: their weights sit in SRAM beside the stage's.
        time += codecMacs / macRate;
        energy += codecMacs * c.MacEnergyPicojoules.Value + codecParameters * weightBytesPerElement * c.SramEnergyPicojoulesPerByte.Value;

        return new StageCost(index, chip.Id, c, start, end, layers.Sum(l => l.Macs) + codecMacs, weightTotal, residentTotal,
            offChipTotal, peakActivations, time, energy * PicoJoule);
    }

    /// <param name="elements">Activation elements crossing (the frontier of the cut, or the model's input/output).</param>
    public static LinkCost Transfer(string from, string to, IReadOnlyList<HwCatalog.Link> path, long elements, double activationBytesPerElement, CutCompression? compression = null)
    {
        double factor = compression?.Factor ?? 1;
        double bytes = elements * activationBytesPerElement / factor;
        if (path.Count == 0)
            return new LinkCost(from, to, "(same chip)", 0, bytes, factor, 0, 0);
        double bandwidth = path.Min(l => l.BandwidthBytesPerSecond.Value);
        double latency = path.Sum(l => l.LatencySecondsPerHop.Value);
        double picojoulesPerBit = path.Sum(l => l.EnergyPicojoulesPerBit.Value);
        return new LinkCost(from, to, string.Join(" → ", path.Select(l => l.Name)), path.Count, bytes, factor,
            latency + bytes / bandwidth, bytes * 8 * picojoulesPerBit * PicoJoule);
    }
}
