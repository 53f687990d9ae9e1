using QuiltNet.Graph;
using QuiltNet.HwCatalog;

namespace QuiltNet.Optimizer.Costs;

/// <summary>
/// The analytical cost model of DESIGN.md. Per layer on a chip: time = max(<see cref="OperatorTime.Seconds"/>,
/// off-chip bytes / DRAM bandwidth), plus a calibrated chip's fixed cost per stage run. The stage's activations get
/// SRAM first; weights fill what is left in layer order and are loaded once, the rest stream from DRAM every
/// inference; activations that do not fit spill to DRAM too. Dynamic energy = MACs·e_MAC + on-chip bytes·e_SRAM +
/// off-chip bytes·e_DRAM (static power is the pipeline's: <see cref="Simulation.PipelineSimulator"/>).
/// Per cut: the link is held bytes / bottleneck bandwidth + per-message overhead (what the period sees), the hop
/// latencies add to end-to-end latency only, energy = bits·Σ e_bit over the hops, with bytes at the sending chip's
/// activation precision unless the cut is compressed.
/// </summary>
public sealed class CostModel
{
    private const double PicoJoule = 1e-12;

    /// <summary>A cost model for one profiled model.</summary>
    public CostModel(ModelProfile profile) => Profile = profile;

    /// <summary>The profiled model whose stages this prices.</summary>
    public ModelProfile Profile { get; }

    /// <summary>Node positions [<paramref name="start"/>, <paramref name="end"/>) as stage <paramref name="index"/> on <paramref name="chip"/>, with the decoder of the cut before it and the encoder of the cut after it.</summary>
    public StageCost Stage(int index, SystemChip chip, int start, int end, CutCompression? incoming = null, CutCompression? outgoing = null)
    {
        var c = chip.Chip;
        double activationBytes = c.ActivationBytesPerElement.Value, weightBytesPerElement = c.WeightBytesPerElement.Value;
        long codecMacs = (incoming?.DecoderMacs ?? 0) + (outgoing?.EncoderMacs ?? 0);
        long codecParameters = (incoming?.DecoderParameters ?? 0) + (outgoing?.EncoderParameters ?? 0);

        double peakActivations = 0;
        for (int i = start; i < end; i++) peakActivations = Math.Max(peakActivations, Profile.Layers[i].LiveElements * activationBytes);
        double sram = c.SramBytes.Value;
        bool activationsFit = peakActivations <= sram;
        double weightBudget = Math.Max(0, sram - (activationsFit ? peakActivations : 0));

        double dramRate = c.DramBandwidthBytesPerSecond.Value;
        double time = 0, energy = 0, offChipTotal = 0, residentTotal = 0, weightTotal = codecParameters * weightBytesPerElement;
        long macs = codecMacs;
        for (int i = start; i < end; i++)
        {
            var layer = Profile.Layers[i];
            double weights = layer.Parameters * weightBytesPerElement;
            double resident = Math.Clamp(weightBudget - residentTotal, 0, weights);
            residentTotal += resident;
            weightTotal += weights;
            double activations = (layer.InputElements + layer.OutputElements) * activationBytes;
            double offChip = weights - resident + (activationsFit ? 0 : activations);
            double onChip = resident + (activationsFit ? activations : 0);
            double compute = OperatorTime.Seconds(c, layer, i > start ? Profile.Layers[i - 1] : null);
            time += Math.Max(compute, offChip == 0 ? 0 : offChip / dramRate);
            energy += layer.Macs * c.MacEnergyPicojoules.Value + onChip * c.SramEnergyPicojoulesPerByte.Value + offChip * c.DramEnergyPicojoulesPerByte.Value;
            offChipTotal += offChip;
            macs += layer.Macs;
        }
        // Encoder and decoder are 1×1 convolutions over small tensors: their weights sit in SRAM beside the stage's.
        time += codecMacs / c.EffectiveMacsPerSecond;
        if (end > start) time += OperatorTime.RunOverheadSeconds(c);
        energy += codecMacs * c.MacEnergyPicojoules.Value + codecParameters * weightBytesPerElement * c.SramEnergyPicojoulesPerByte.Value;

        return new StageCost(index, chip.Id, c, start, end, macs, weightTotal, residentTotal,
            offChipTotal, peakActivations, time, energy * PicoJoule);
    }

    /// <summary>A cut (or the host transfer in or out) sent over <paramref name="path"/>.</summary>
    /// <param name="from">The sending chip's id (or "host").</param>
    /// <param name="to">The receiving chip's id (or "host").</param>
    /// <param name="path">The links in order; empty when a chip sends to itself.</param>
    /// <param name="elements">Activation elements crossing (the frontier of the cut, or the model's input/output).</param>
    /// <param name="activationBytesPerElement">The sending chip's activation width.</param>
    /// <param name="compression">How the cut is compressed; none when null.</param>
    public static LinkCost Transfer(string from, string to, IReadOnlyList<HwCatalog.Link> path, long elements, double activationBytesPerElement, CutCompression? compression = null)
    {
        double factor = compression?.Factor ?? 1;
        double bytes = elements * activationBytesPerElement / factor;
        if (path.Count == 0)
            return new LinkCost(from, to, "(same chip)", 0, bytes, factor, 0, 0);
        // Each hop is held for its own serialisation and overhead; hops work on successive messages at once (store
        // and forward), so the slowest hop sets the rate. Latency is the time in flight, which the next message overlaps.
        double held = path.Max(l => bytes / l.BandwidthBytesPerSecond.Value + l.MessageOverheadSeconds.Value);
        double latency = path.Sum(l => l.LatencySecondsPerHop.Value);
        double picojoulesPerBit = path.Sum(l => l.EnergyPicojoulesPerBit.Value);
        return new LinkCost(from, to, string.Join(" → ", path.Select(l => l.Name)), path.Count, bytes, factor,
            held, bytes * 8 * picojoulesPerBit * PicoJoule, latency);
    }
}
