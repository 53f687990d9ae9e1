#!/usr/bin/python3
"""Export torchvision reference models to ONNX for the profiling benchmark.

  /usr/bin/python3 bench/torchvision/export_reference.py [OUT_DIR] [--models resnet50,mobilenet_v2,vgg16]

OUT_DIR defaults to /tmp/quiltnet-torchvision. Writes <OUT_DIR>/<model>.onnx: opset 17,
input `input` float32 [N,3,224,224] with a dynamic batch dimension N, output `logits`
[N,1000], exported in eval mode with constant folding (BatchNorm folded into the
convolutions). Weights are randomly initialised (weights=None): MACs and parameter counts
do not depend on them, and no download is needed. BatchNorm statistics/affine parameters and
all biases are then filled with random values too: torchvision initialises them to constants
(zero biases, unit BN scales), and torch.onnx.export would otherwise merge the identical
folded biases into one initializer read through Identity nodes, so the file would hold fewer
parameters than the model. The files are NOT committed
(ResNet-50 is about 100 MB).

Debian 12: apt-get install python3-torch python3-torchvision python3-onnx
"""
import argparse
import collections
import os
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # don't spin idle OpenMP threads

import torch  # noqa: E402
import torchvision  # noqa: E402

MODELS = ("resnet50", "mobilenet_v2", "vgg16")


def folded_parameters(model):
    """Parameters the ONNX file holds after BatchNorm folding: all parameters except
    BatchNorm weight/bias, plus Cout for each bias-free Conv2d (folding gives it a bias)."""
    total = 0
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            continue
        total += sum(p.numel() for p in m.parameters(recurse=False))
        if isinstance(m, torch.nn.Conv2d) and m.bias is None:
            total += m.out_channels
    return total


@torch.no_grad()
def randomize_constants(model):
    """Give every bias and BatchNorm tensor distinct random values (see the module docstring)."""
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.weight.uniform_(0.5, 1.5)
            m.bias.uniform_(-0.1, 0.1)
            m.running_mean.uniform_(-0.1, 0.1)
            m.running_var.uniform_(0.5, 1.5)
        elif isinstance(m, (torch.nn.Conv2d, torch.nn.Linear)) and m.bias is not None:
            m.bias.uniform_(-0.1, 0.1)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", nargs="?", default="/tmp/quiltnet-torchvision")
    ap.add_argument("--models", default=",".join(MODELS))
    args = ap.parse_args()
    torch.set_num_threads(2)
    torch.manual_seed(0)
    os.makedirs(args.out, exist_ok=True)
    import onnx
    for name in args.models.split(","):
        t0 = time.time()
        model = getattr(torchvision.models, name)(weights=None).eval()
        randomize_constants(model)
        params = sum(p.numel() for p in model.parameters())
        path = os.path.join(args.out, f"{name}.onnx")
        torch.onnx.export(model, torch.zeros(1, 3, 224, 224), path, opset_version=17,
                          do_constant_folding=True, input_names=["input"],
                          output_names=["logits"],
                          dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}})
        m = onnx.load(path)
        onnx.checker.check_model(path)  # path form: works for files over 2 GB too
        hist = collections.Counter(n.op_type for n in m.graph.node)
        init = sum(int(torch.tensor(t.dims).prod()) for t in m.graph.initializer
                   if t.data_type == onnx.TensorProto.FLOAT)
        folded = folded_parameters(model)
        print(f"{name}: torch parameters {params:,}; after BN folding {folded:,}; "
              f"ONNX float initializer elements {init:,}{'' if init == folded else ' (MISMATCH)'}; "
              f"{os.path.getsize(path):,} bytes; "
              f"{len(m.graph.node)} nodes {dict(hist.most_common())}; {time.time() - t0:.0f}s -> {path}",
              flush=True)


if __name__ == "__main__":
    main()
