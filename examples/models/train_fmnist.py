#!/usr/bin/python3
"""Train four small Fashion-MNIST classifiers of different structure and export them to ONNX.

Models (all take `input` float32 [N,1,28,28] with pixels in [0,1] = byte/255 and return
`logits` float32 [N,10]; the normalisation (x-0.2860)/0.3530 is the first op inside each model):

  vgg        plain chain: conv-BN-ReLU blocks with max-pools, then an MLP classifier
  resnet     basic residual blocks with identity and strided 1x1 projection shortcuts
  mobilenet  MobileNetV2 inverted residuals (1x1 expand, 3x3 depthwise, 1x1 project, add)
  vit        small pre-norm vision transformer (4x4 patches, 49 tokens, mean pooling),
             attention written with explicit Linear/MatMul/Softmax

Usage (Debian 12: apt-get install python3-torch python3-torchvision python3-onnx
python3-numpy dataset-fashion-mnist):

  /usr/bin/python3 examples/models/train_fmnist.py [--models vgg,resnet,mobilenet,vit]
      [--epochs vgg=4,resnet=4,...] [--data /usr/share/datasets/fashion-mnist]
      [--out examples/models]

CPU only, 2 threads, fixed seeds. Writes <out>/fmnist_<model>.onnx and merges the
per-model entries into <out>/reference.json (MACs and parameters counted independently in
PyTorch, test accuracy on all 10,000 test images and on the first 2,000 test images, which
are the evaluation subset in examples/data/).
"""
import argparse
import collections
import gzip
import json
import math
import os
import random
import struct
import sys
import time

# Sleep rather than spin in idle OpenMP threads: on a shared 2-core machine spinning threads
# slowed training 2-4x. Must be set before torch (and libgomp) is loaded.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

MEAN, STD = 0.2860, 0.3530
EVAL_SUBSET = 2000  # examples/data/t10k-* holds the first 2,000 test images
DEFAULT_EPOCHS = {"vgg": 4, "resnet": 4, "mobilenet": 6, "vit": 12}  # as the committed models


# --------------------------------------------------------------------------- data
def read_idx(path):
    """Read an IDX file (optionally gzip-compressed) into a numpy array."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    assert zero == 0 and dtype == 0x08, f"{path}: not an unsigned-byte IDX file"
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load_split(data_dir, prefix):
    x = read_idx(os.path.join(data_dir, f"{prefix}-images-idx3-ubyte.gz"))
    y = read_idx(os.path.join(data_dir, f"{prefix}-labels-idx1-ubyte.gz"))
    x = torch.from_numpy(x.astype(np.float32) / 255.0).unsqueeze(1)  # [N,1,28,28] in [0,1]
    y = torch.from_numpy(y.astype(np.int64))
    return x, y


def augment(x, gen):
    """Random crop 28x28 from the image zero-padded by 2, then random horizontal flip."""
    n = x.shape[0]
    xp = F.pad(x, (2, 2, 2, 2))
    oy = torch.randint(0, 5, (n,), generator=gen)
    ox = torch.randint(0, 5, (n,), generator=gen)
    ar = torch.arange(28)
    rows = (oy[:, None] + ar)[:, :, None]          # [n,28,1]
    cols = (ox[:, None] + ar)[:, None, :]          # [n,1,28]
    out = xp[torch.arange(n)[:, None, None], 0, rows, cols].unsqueeze(1)
    flip = torch.rand(n, generator=gen) < 0.5
    return torch.where(flip[:, None, None, None], out.flip(3), out)


# --------------------------------------------------------------------------- models
class Normalize(nn.Module):
    def forward(self, x):
        return (x - MEAN) / STD


def conv_bn(cin, cout, k=3, stride=1, groups=1, act="relu"):
    layers = [nn.Conv2d(cin, cout, k, stride, k // 2, groups=groups, bias=False),
              nn.BatchNorm2d(cout)]
    if act == "relu":
        layers.append(nn.ReLU(inplace=True))
    elif act == "relu6":
        layers.append(nn.ReLU6(inplace=True))
    return layers


class VGG(nn.Module):
    """28 -> [32,M] 14 -> [64,64,M] 7 -> [128,128,M] 3 -> flatten -> FC256 -> FC10."""

    def __init__(self, cfg=((32,), (64, 64), (128, 128)), hidden=256):
        super().__init__()
        layers, cin = [Normalize()], 1
        for block in cfg:
            for c in block:
                layers += conv_bn(cin, c)
                cin = c
            layers.append(nn.MaxPool2d(2))
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Sequential(
            nn.Flatten(1), nn.Linear(cin * 3 * 3, hidden), nn.ReLU(inplace=True),
            nn.Dropout(0.3), nn.Linear(hidden, 10))

    def forward(self, x):
        return self.classifier(self.features(x))


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = None
        if stride != 1 or cin != cout:  # strided 1x1 projection shortcut
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False),
                                          nn.BatchNorm2d(cout))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        identity = x if self.shortcut is None else self.shortcut(x)
        return F.relu(out + identity)


class ResNet(nn.Module):
    """stem conv3x3/32 @28 -> blocks 32(s2),32 @14 -> 64(s2),64 @7 -> 128(s2),128 @4 -> GAP -> FC10.
    The first block of each stage is strided with a 1x1 strided projection shortcut; the
    second has an identity shortcut."""

    def __init__(self, stem=32, widths=(32, 64, 128), blocks=(2, 2, 2)):
        super().__init__()
        self.norm = Normalize()
        self.stem = nn.Sequential(*conv_bn(1, stem))
        layers, cin = [], stem
        for w, n in zip(widths, blocks):
            for j in range(n):
                layers.append(BasicBlock(cin, w, 2 if j == 0 else 1))
                cin = w
        self.layers = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(cin, 10)

    def forward(self, x):
        x = self.layers(self.stem(self.norm(x)))
        return self.fc(self.pool(x).flatten(1))


class InvertedResidual(nn.Module):
    def __init__(self, cin, cout, stride, expand):
        super().__init__()
        hidden = cin * expand
        layers = []
        if expand != 1:
            layers += conv_bn(cin, hidden, 1, act="relu6")                         # 1x1 expand
        layers += conv_bn(hidden, hidden, 3, stride, groups=hidden, act="relu6")   # 3x3 depthwise
        layers += conv_bn(hidden, cout, 1, act=None)                               # 1x1 project
        self.conv = nn.Sequential(*layers)
        self.use_res = stride == 1 and cin == cout

    def forward(self, x):
        return x + self.conv(x) if self.use_res else self.conv(x)


class MobileNetV2(nn.Module):
    """stem 3x3/16 @28; (t,c,n,s) = (1,16,1,1) (4,24,2,2) (4,40,3,2) (4,64,2,1) (4,96,1,1);
    1x1 conv 256; GAP; dropout; FC10."""

    SETTINGS = ((1, 16, 1, 1), (4, 24, 2, 2), (4, 40, 3, 2), (4, 64, 2, 1), (4, 96, 1, 1))

    def __init__(self, last=256):
        super().__init__()
        layers, cin = [Normalize()] + conv_bn(1, 16, 3, 1, act="relu6"), 16
        for t, c, n, s in self.SETTINGS:
            for j in range(n):
                layers.append(InvertedResidual(cin, c, s if j == 0 else 1, t))
                cin = c
        layers += conv_bn(cin, last, 1, act="relu6")
        self.features = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(last, 10))

    def forward(self, x):
        return self.classifier(self.pool(self.features(x)).flatten(1))


class Attention(nn.Module):
    """Multi-head self-attention with explicit Linear/MatMul/Softmax and constant reshapes."""

    def __init__(self, dim, heads, tokens):
        super().__init__()
        self.h, self.d, self.t, self.dim = heads, dim // heads, tokens, dim
        self.q = nn.Linear(dim, dim)
        self.k = nn.Linear(dim, dim)
        self.v = nn.Linear(dim, dim)
        self.proj = nn.Linear(dim, dim)
        self.scale = self.d ** -0.5

    def split(self, x):  # [N,T,D] -> [N,H,T,d]; batch as -1, all other dims constants
        return x.reshape(-1, self.t, self.h, self.d).transpose(1, 2)

    def forward(self, x):
        q = self.split(self.q(x) * self.scale)
        k = self.split(self.k(x))
        v = self.split(self.v(x))
        attn = torch.softmax(torch.matmul(q, k.transpose(2, 3)), dim=-1)   # [N,H,T,T]
        out = torch.matmul(attn, v)                                        # [N,H,T,d]
        out = out.transpose(1, 2).reshape(-1, self.t, self.dim)            # [N,T,D]
        return self.proj(out)


class TransformerBlock(nn.Module):
    def __init__(self, dim, heads, tokens, mlp_ratio):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.attn = Attention(dim, heads, tokens)
        self.norm2 = nn.LayerNorm(dim)
        self.mlp = nn.Sequential(nn.Linear(dim, dim * mlp_ratio), nn.GELU(),
                                 nn.Linear(dim * mlp_ratio, dim))

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class ViT(nn.Module):
    """4x4 patch embedding (Conv stride 4) -> 49 tokens of width 64 + learned position
    embedding -> 6 pre-norm blocks (4 heads of 16, MLP 128 GELU) -> LayerNorm -> mean over
    tokens -> FC10."""

    def __init__(self, patch=4, dim=64, depth=6, heads=4, mlp_ratio=2):
        super().__init__()
        self.grid = 28 // patch
        self.tokens, self.dim = self.grid * self.grid, dim
        self.norm_in = Normalize()
        self.patch = nn.Conv2d(1, dim, patch, patch)
        self.pos = nn.Parameter(torch.zeros(1, self.tokens, dim))
        nn.init.trunc_normal_(self.pos, std=0.02)
        self.blocks = nn.Sequential(*[TransformerBlock(dim, heads, self.tokens, mlp_ratio)
                                      for _ in range(depth)])
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, 10)
        self.apply(self._init)

    @staticmethod
    def _init(m):
        if isinstance(m, nn.Linear):
            nn.init.trunc_normal_(m.weight, std=0.02)
            nn.init.zeros_(m.bias)

    def forward(self, x):
        x = self.patch(self.norm_in(x))                                   # [N,D,7,7]
        x = x.reshape(-1, self.dim, self.tokens).transpose(1, 2) + self.pos  # [N,T,D]
        x = self.norm(self.blocks(x))
        return self.head(x.mean(dim=1))


MODELS = {
    "vgg": ("VGG-style plain chain: 5 conv3x3-BN-ReLU (32,M,64,64,M,128,128,M), FC256, FC10",
            VGG),
    "resnet": ("ResNet-style: stem conv3x3/32 @28, 6 basic blocks (32,32 @14; 64,64 @7; "
               "128,128 @4; strided 1x1 projection shortcuts), GAP, FC10", ResNet),
    "mobilenet": ("MobileNetV2-style: stem conv3x3/16, 9 inverted residuals (1x1 expand x4, 3x3 "
                  "depthwise, 1x1 project, add when shapes match), 1x1 conv 256, GAP, FC10",
                  MobileNetV2),
    "vit": ("ViT: 4x4 patch conv -> 49 tokens x 64, position embedding, 6 pre-norm blocks "
            "(4-head attention via MatMul/Softmax, MLP 128 GELU), LayerNorm, mean pool, FC10",
            ViT),
}

TRAIN_CFG = {
    # name: optimizer, peak lr, weight decay, label smoothing
    "vgg": dict(opt="sgd", lr=0.1, wd=5e-4, ls=0.0, warmup=0.15, channels_last=True),
    "resnet": dict(opt="sgd", lr=0.1, wd=5e-4, ls=0.0, warmup=0.15, channels_last=True),
    "mobilenet": dict(opt="sgd", lr=0.1, wd=4e-5, ls=0.0, warmup=0.15, channels_last=True),
    "vit": dict(opt="adamw", lr=2e-3, wd=0.05, ls=0.1, warmup=0.1, channels_last=False),
}


# --------------------------------------------------------------------------- counting
def count_macs(model):
    """MACs at batch 1, counted in PyTorch with forward hooks plus explicit arithmetic for
    the attention matmuls:
      Conv2d: Cout*Hout*Wout*(Cin/groups)*kH*kW
      Linear: in*out per token (times T tokens for [N,T,D] inputs)
      attention: Q.K^T = T*T*d per head, A.V = T*T*d per head
    Element-wise ops, pooling, normalisation and softmax are not counted."""
    macs = collections.Counter()
    hooks = []

    def conv_hook(m, inp, out):
        cout, hout, wout = out.shape[1:]
        kh, kw = m.kernel_size
        macs["conv"] += cout * hout * wout * (m.in_channels // m.groups) * kh * kw

    def linear_hook(m, inp, out):
        tokens = inp[0].numel() // m.in_features  # batch is 1
        macs["linear"] += tokens * m.in_features * m.out_features

    def attn_hook(m, inp, out):
        t = inp[0].shape[1]
        macs["attention"] += 2 * m.h * t * t * m.d

    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            hooks.append(m.register_forward_hook(conv_hook))
        elif isinstance(m, nn.Linear):
            hooks.append(m.register_forward_hook(linear_hook))
        elif isinstance(m, Attention):
            hooks.append(m.register_forward_hook(attn_hook))
    model.eval()
    with torch.no_grad():
        model(torch.zeros(1, 1, 28, 28))
    for h in hooks:
        h.remove()
    return sum(macs.values()), dict(macs)


def count_parameters(model):
    """Parameters as the exported ONNX holds them after BatchNorm folding: every
    nn.Parameter except BatchNorm weight/bias (BN running statistics are buffers and are
    not counted either), plus Cout for every bias-free Conv2d followed by a BatchNorm
    (folding gives the convolution a bias). Tiny scalar constants in the graph
    (normalisation mean/std, LayerNorm epsilon, attention scale, ReLU6 clip bounds) and
    int64 shape constants of Reshape nodes are not counted."""
    total = 0
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            continue
        total += sum(p.numel() for p in m.parameters(recurse=False))
    # folded biases: each bias-free conv in this file is immediately followed by a BN
    mods = list(model.modules())
    for i, m in enumerate(mods):
        if isinstance(m, nn.Conv2d) and m.bias is None:
            assert i + 1 < len(mods) and isinstance(mods[i + 1], nn.BatchNorm2d), m
            total += m.out_channels
    return total


# --------------------------------------------------------------------------- train / eval
@torch.no_grad()
def predict(model, x, bs=1000, mf=torch.contiguous_format):
    model.eval()
    return torch.cat([model(x[i:i + bs].contiguous(memory_format=mf)).argmax(1)
                      for i in range(0, len(x), bs)])


def train(name, model, xtr, ytr, xte, yte, epochs, seed, bs=128, log=print):
    cfg = TRAIN_CFG[name]
    mf = torch.channels_last if cfg["channels_last"] else torch.contiguous_format
    model.to(memory_format=mf)
    gen = torch.Generator().manual_seed(seed)
    steps = epochs * (len(xtr) // bs)
    if cfg["opt"] == "sgd":
        decay = [p for n, p in model.named_parameters() if p.ndim > 1]
        no_decay = [p for n, p in model.named_parameters() if p.ndim <= 1]
        opt = torch.optim.SGD([{"params": decay, "weight_decay": cfg["wd"]},
                               {"params": no_decay, "weight_decay": 0.0}],
                              lr=cfg["lr"], momentum=0.9, nesterov=True)
    else:
        decay = [p for n, p in model.named_parameters() if p.ndim > 1 and n != "pos"]
        no_decay = [p for n, p in model.named_parameters() if p.ndim <= 1 or n == "pos"]
        opt = torch.optim.AdamW([{"params": decay, "weight_decay": cfg["wd"]},
                                 {"params": no_decay, "weight_decay": 0.0}],
                                lr=cfg["lr"], betas=(0.9, 0.99))
    # linear warm-up to the peak learning rate, then cosine decay to ~0
    warm = max(1, int(cfg["warmup"] * steps))

    def lr_factor(step):
        if step < warm:
            return (step + 1) / warm
        return 0.5 * (1 + math.cos(math.pi * min(1.0, (step - warm) / max(1, steps - warm))))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_factor)
    t0 = time.time()
    for ep in range(epochs):
        model.train()
        perm = torch.randperm(len(xtr), generator=gen)
        tot_loss, tot_ok, seen = 0.0, 0, 0
        te = time.time()
        for i in range(0, len(xtr) - bs + 1, bs):
            idx = perm[i:i + bs]
            xb, yb = augment(xtr[idx], gen).contiguous(memory_format=mf), ytr[idx]
            out = model(xb)
            loss = F.cross_entropy(out, yb, label_smoothing=cfg["ls"])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            if cfg["opt"] == "adamw":
                nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            tot_loss += loss.item() * len(yb)
            tot_ok += (out.argmax(1) == yb).sum().item()
            seen += len(yb)
        # monitor on the first 2,000 test images (the full test set is scored at the end)
        acc = (predict(model, xte[:2000], mf=mf) == yte[:2000]).float().mean().item()
        log(f"[{name}] epoch {ep + 1}/{epochs} loss {tot_loss / seen:.4f} "
            f"train-acc {tot_ok / seen:.4f} test2000-acc {acc:.4f} "
            f"({time.time() - te:.0f}s, total {time.time() - t0:.0f}s)")
    return time.time() - t0


# --------------------------------------------------------------------------- export / check
def export_onnx(model, path):
    import onnx
    model.eval()
    torch.onnx.export(model, torch.zeros(1, 1, 28, 28), path, opset_version=17,
                      do_constant_folding=True, input_names=["input"],
                      output_names=["logits"],
                      dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}})
    m = onnx.load(path)
    onnx.checker.check_model(m)
    hist = collections.Counter(n.op_type for n in m.graph.node)
    init_params = sum(int(np.prod(t.dims)) for t in m.graph.initializer
                      if t.data_type == onnx.TensorProto.FLOAT)
    return m, dict(sorted(hist.items(), key=lambda kv: (-kv[1], kv[0]))), init_params


def run_onnx_numpy(model_proto, x):
    """Minimal numpy interpreter for the ops these exports use; a check without onnxruntime
    that the exported graph computes the same logits as PyTorch."""
    from onnx import numpy_helper
    from math import erf
    g = model_proto.graph
    env = {t.name: numpy_helper.to_array(t) for t in g.initializer}
    env[g.input[0].name] = x
    verf = np.vectorize(erf, otypes=[np.float32])

    def attr(node, name, default=None):
        for a in node.attribute:
            if a.name == name:
                from onnx import helper
                return helper.get_attribute_value(a)
        return default

    def conv(x, w, b, node):
        s = attr(node, "strides", [1, 1])
        p = attr(node, "pads", [0, 0, 0, 0])
        grp = attr(node, "group", 1)
        x = np.pad(x, ((0, 0), (0, 0), (p[0], p[2]), (p[1], p[3])))
        n, c, h, w_ = x.shape
        co, ci, kh, kw = w.shape
        ho, wo = (h - kh) // s[0] + 1, (w_ - kw) // s[1] + 1
        cols = np.empty((n, c, kh, kw, ho, wo), np.float32)
        for i in range(kh):
            for j in range(kw):
                cols[:, :, i, j] = x[:, :, i:i + s[0] * ho:s[0], j:j + s[1] * wo:s[1]]
        cols = cols.reshape(n, grp, ci * kh * kw, ho * wo)
        wg = w.reshape(grp, co // grp, ci * kh * kw)
        y = np.einsum("gok,ngkp->ngop", wg, cols).reshape(n, co, ho, wo)
        return y + b.reshape(1, -1, 1, 1) if b is not None else y

    for node in g.node:
        i = [env[n] if n else None for n in node.input]
        op = node.op_type
        if op == "Conv":
            y = conv(i[0], i[1], i[2] if len(i) > 2 else None, node)
        elif op == "Relu":
            y = np.maximum(i[0], 0)
        elif op == "Clip":
            y = np.clip(i[0], i[1], i[2])
        elif op in ("Add", "Sub", "Mul", "Div"):
            y = {"Add": np.add, "Sub": np.subtract, "Mul": np.multiply,
                 "Div": np.divide}[op](i[0], i[1])
        elif op == "MaxPool":
            k, s = attr(node, "kernel_shape"), attr(node, "strides")
            n, c, h, w = i[0].shape
            ho, wo = (h - k[0]) // s[0] + 1, (w - k[1]) // s[1] + 1
            y = np.full((n, c, ho, wo), -np.inf, np.float32)
            for a in range(k[0]):
                for b in range(k[1]):
                    y = np.maximum(y, i[0][:, :, a:a + s[0] * ho:s[0], b:b + s[1] * wo:s[1]])
        elif op == "GlobalAveragePool":
            y = i[0].mean(axis=(2, 3), keepdims=True)
        elif op == "Flatten":
            ax = attr(node, "axis", 1)
            y = i[0].reshape(int(np.prod(i[0].shape[:ax])), -1)
        elif op == "Gemm":
            a = i[0].T if attr(node, "transA", 0) else i[0]
            b = i[1].T if attr(node, "transB", 0) else i[1]
            y = attr(node, "alpha", 1.0) * a @ b + attr(node, "beta", 1.0) * i[2]
        elif op == "MatMul":
            y = np.matmul(i[0], i[1])
        elif op == "Reshape":
            shp = [d if d != 0 else i[0].shape[k] for k, d in enumerate(i[1].tolist())]
            y = i[0].reshape(shp)
        elif op == "Transpose":
            y = np.transpose(i[0], attr(node, "perm"))
        elif op == "Softmax":
            ax = attr(node, "axis", -1)
            e = np.exp(i[0] - i[0].max(axis=ax, keepdims=True))
            y = e / e.sum(axis=ax, keepdims=True)
        elif op == "LayerNormalization":
            ax, eps = attr(node, "axis", -1), attr(node, "epsilon", 1e-5)
            axes = tuple(range(ax % i[0].ndim, i[0].ndim))
            mu = i[0].mean(axis=axes, keepdims=True)
            var = ((i[0] - mu) ** 2).mean(axis=axes, keepdims=True)
            y = (i[0] - mu) / np.sqrt(var + eps) * i[1] + (i[2] if len(i) > 2 else 0)
        elif op == "ReduceMean":
            y = i[0].mean(axis=tuple(attr(node, "axes")), keepdims=bool(attr(node, "keepdims", 1)))
        elif op == "Erf":
            y = verf(i[0])
        elif op == "Constant":
            from onnx import numpy_helper as nh
            y = nh.to_array(attr(node, "value"))
        else:
            raise NotImplementedError(op)
        env[node.output[0]] = np.asarray(y, dtype=y.dtype if op == "Constant" else np.float32)
    return env[g.output[0].name]


# --------------------------------------------------------------------------- main
def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", default="vgg,resnet,mobilenet,vit")
    ap.add_argument("--epochs", default="",
                    help="one number for all models, or name=N,name=N (defaults: %s)"
                    % ",".join(f"{k}={v}" for k, v in DEFAULT_EPOCHS.items()))
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--out", default=here)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--train-subset", type=int, default=0,
                    help="use only the first N training images (smoke tests)")
    ap.add_argument("--time-only", action="store_true",
                    help="time 20 training steps per model and exit")
    args = ap.parse_args()

    torch.set_num_threads(2)
    names = [m.strip() for m in args.models.split(",") if m.strip()]
    for n in names:
        if n not in MODELS:
            sys.exit(f"unknown model {n}; choose from {', '.join(MODELS)}")
    epochs = dict(DEFAULT_EPOCHS)
    if args.epochs:
        if "=" in args.epochs:
            for kv in args.epochs.split(","):
                k, v = kv.split("=")
                epochs[k.strip()] = int(v)
        else:
            epochs = {k: int(args.epochs) for k in epochs}

    xtr, ytr = load_split(args.data, "train")
    xte, yte = load_split(args.data, "t10k")
    if args.train_subset:
        xtr, ytr = xtr[:args.train_subset], ytr[:args.train_subset]
    print(f"train {tuple(xtr.shape)}  test {tuple(xte.shape)}  torch {torch.__version__}  "
          f"threads {torch.get_num_threads()}", flush=True)

    def log(s):
        print(s, flush=True)

    if args.time_only:
        for n in names:
            torch.manual_seed(args.seed)
            model = MODELS[n][1]()
            mf = torch.channels_last if TRAIN_CFG[n]["channels_last"] else torch.contiguous_format
            model.to(memory_format=mf)
            opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
            gen = torch.Generator().manual_seed(0)
            model.train()
            for step in range(25):
                if step == 5:
                    t0 = time.time()
                xb = augment(xtr[step * 128:(step + 1) * 128], gen).contiguous(memory_format=mf)
                loss = F.cross_entropy(model(xb), ytr[step * 128:(step + 1) * 128])
                opt.zero_grad()
                loss.backward()
                opt.step()
            dt = (time.time() - t0) / 20
            log(f"{n}: {dt * 1000:.0f} ms/step of 128 -> {dt * (60000 // 128):.0f} s/epoch; "
                f"params {count_parameters(model):,}  MACs {count_macs(model)[0]:,}")
        return

    os.makedirs(args.out, exist_ok=True)
    ref_path = os.path.join(args.out, "reference.json")
    ref = {}
    if os.path.exists(ref_path):
        with open(ref_path) as f:
            ref = json.load(f)
    ref.setdefault("models", {})

    for n in names:
        seed = args.seed + list(MODELS).index(n)
        random.seed(seed)
        np.random.seed(seed)
        torch.manual_seed(seed)
        desc, cls = MODELS[n]
        model = cls()
        macs, macs_by_kind = count_macs(model)
        params = count_parameters(model)
        log(f"[{n}] {desc}\n[{n}] MACs {macs:,} {macs_by_kind}  parameters(after BN fold) "
            f"{params:,}  torch parameters {sum(p.numel() for p in model.parameters()):,}  "
            f"epochs {epochs[n]}")
        secs = train(n, model, xtr, ytr, xte, yte, epochs[n], seed, log=log)
        mf = torch.channels_last if TRAIN_CFG[n]["channels_last"] else torch.contiguous_format
        pred = predict(model, xte, mf=mf)
        model.to(memory_format=torch.contiguous_format)
        acc = (pred == yte).float().mean().item()
        sub_ok = int((pred[:EVAL_SUBSET] == yte[:EVAL_SUBSET]).sum())

        path = os.path.join(args.out, f"fmnist_{n}.onnx")
        proto, hist, init_params = export_onnx(model, path)
        size = os.path.getsize(path)
        # check the exported graph against PyTorch on 200 test images
        with torch.no_grad():
            ref_logits = model(xte[:200]).numpy()
        onnx_logits = run_onnx_numpy(proto, xte[:200].numpy())
        maxdiff = float(np.abs(onnx_logits - ref_logits).max())
        agree = float((onnx_logits.argmax(1) == ref_logits.argmax(1)).mean())
        log(f"[{n}] test-acc {acc:.4f} (10,000)  subset-acc {sub_ok / EVAL_SUBSET:.4f} "
            f"({sub_ok}/{EVAL_SUBSET})  train {secs:.0f}s\n"
            f"[{n}] {path}: {size:,} bytes, onnx float initializer elements {init_params:,} "
            f"(reference {params:,})\n[{n}] ops {hist}\n"
            f"[{n}] numpy-ONNX vs torch on 200 images: max |dlogit| {maxdiff:.2e}, "
            f"argmax agreement {agree:.3f}")
        assert maxdiff < 1e-3, "exported ONNX graph disagrees with PyTorch"
        assert size <= 5 * 1024 * 1024, "ONNX file larger than 5 MB"

        ref["models"][n] = {
            "file": os.path.basename(path),
            "structure": desc,
            "macs": macs,
            "macsByKind": macs_by_kind,
            "parameters": params,
            "testAccuracy": round(acc, 4),
            "testImages": len(yte),
            "evalSubsetAccuracy": round(sub_ok / EVAL_SUBSET, 4),
            "evalSubsetCorrect": sub_ok,
            "evalSubsetImages": EVAL_SUBSET,
            "epochs": epochs[n],
            "trainSeconds": round(secs, 1),
            "onnxBytes": size,
            "onnxOps": hist,
        }
        ref["notes"] = (
            "Counted in PyTorch, independently of the ONNX files. macs: multiply-accumulates "
            "at batch 1 (Conv2d Cout*Hout*Wout*(Cin/groups)*kH*kW; Linear in*out per token; "
            "attention Q.K^T and A.V T*T*d per head each; element-wise ops, pooling, "
            "normalisation and softmax not counted). parameters: as held by the exported ONNX "
            "after BatchNorm folding (all parameters except BatchNorm weight/bias, plus Cout "
            "per bias-free Conv2d folded with a BatchNorm); tiny scalar constants "
            "(normalisation mean/std, LayerNorm epsilon, attention scale, ReLU6 clip bounds) "
            "and int64 Reshape shape constants are not counted. testAccuracy: top-1 on all "
            "10,000 Fashion-MNIST test images; evalSubsetAccuracy: on the first 2,000 test "
            "images (examples/data/t10k-*). Input 'input' float32 [N,1,28,28] = byte/255; "
            "normalisation (x-0.2860)/0.3530 is inside the model; output 'logits' [N,10].")
        ref["models"] = {k: ref["models"][k] for k in MODELS if k in ref["models"]}
        with open(ref_path, "w") as f:
            json.dump(ref, f, indent=2)
            f.write("\n")
        log(f"[{n}] wrote {ref_path}")


if __name__ == "__main__":
    main()
