#!/usr/bin/python3
"""Export a small Fashion-MNIST CNN at old ONNX opsets, for the tests that run QuiltNet on them.

The network takes `input` float32 [N,3,H,W] (the grey image repeated on three channels, pixels in [0,1])
with batch, height and width dynamic, and returns `logits` [N,10]. It is built to use the operators
whose ONNX form changed after opset 9: Pad, Slice, Clip, Split, Upsample, Squeeze, Unsqueeze, ReduceSum.

Usage (Debian 12: apt-get install python3-torch python3-onnx python3-numpy):

  /usr/bin/python3 tests/Fixtures/Opsets/make_opset_models.py [--data examples/data] [--out tests/Fixtures/Opsets]

CPU only, fixed seed, about a minute. Writes cnn3_opset9.onnx and cnn3_opset11.onnx (same weights).
"""
import argparse
import gzip
import os
import struct

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


class Cnn3(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3)
        self.bn1 = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 16, 3, padding=1)
        self.conv3 = nn.Conv2d(16, 16, 1)
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        x = F.pad(x, (2, 2, 2, 2))[:, :, 1:, 1:]         # Pad, Slice
        x = F.relu(self.bn1(self.conv1(x)))
        x = F.max_pool2d(x, 2)
        x = F.hardtanh(self.conv2(x), 0.0, 6.0)          # Clip
        a, b = torch.split(x, [6, 10], dim=1)             # Split
        x = torch.cat([b, a], dim=1)
        y = F.interpolate(self.conv3(x), scale_factor=2.0, mode="nearest")   # Upsample
        x = x + F.max_pool2d(y, 2)
        x = x.mean(dim=(2, 3), keepdim=True).squeeze(3).squeeze(2)          # Squeeze
        x = x.unsqueeze(1).sum(dim=1)                                       # Unsqueeze, ReduceSum
        return self.fc(x)


def main():
    parser = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--data", default=os.path.join(here, "..", "..", "..", "examples", "data"))
    parser.add_argument("--out", default=here)
    args = parser.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(2)
    images = read_idx(os.path.join(args.data, "train-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(args.data, "train-labels-idx1-ubyte.gz"))
    x = torch.tensor(images, dtype=torch.float32).div(255).unsqueeze(1).repeat(1, 3, 1, 1)
    y = torch.tensor(labels, dtype=torch.long)
    model = Cnn3()
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    for epoch in range(20):
        order = torch.randperm(len(x))
        for start in range(0, len(x), 64):
            rows = order[start:start + 64]
            loss = F.cross_entropy(model(x[rows]), y[rows])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    model.eval()
    with torch.no_grad():
        accuracy = (model(x).argmax(1) == y).float().mean().item()
    print(f"training accuracy {accuracy:.3f}")
    for opset in (9, 11):
        path = os.path.join(args.out, f"cnn3_opset{opset}.onnx")
        torch.onnx.export(model, x[:2], path, opset_version=opset, input_names=["input"], output_names=["logits"],
                          dynamic_axes={"input": {0: "N", 2: "H", 3: "W"}, "logits": {0: "N"}})
        print(path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
