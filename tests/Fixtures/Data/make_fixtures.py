"""Writes the small data fixtures the data-layer tests read (run with Debian's python3, python3-pil, python3-torch):

- fmnist/: 15 Fashion-MNIST test images (28x28 grey; 10 PNG, 5 JPEG) in class subfolders named so that sorting them
  gives Fashion-MNIST's class order, for the bundled 1-channel models.
- colour/: 6 RGB images of different sizes (PNG, JPEG, BMP, WebP) in two class subfolders, for the dynamic model.
- fmnist.npz: 12 test images as uint8 'input' (N x 1 x 28 x 28) with their 'labels'.
- dynamic_hw.onnx: a tiny convolutional net on N x 3 x H x W (batch, height and width dynamic), global average pooling
  and 10 class scores; random weights, seeded.
"""
import gzip
import pathlib

import numpy as np
import torch
from PIL import Image

here = pathlib.Path(__file__).parent
data = here.parents[2] / "examples" / "data"
classes = ["0-tshirt", "1-trouser", "2-pullover", "3-dress", "4-coat", "5-sandal", "6-shirt", "7-sneaker", "8-bag", "9-boot"]

with gzip.open(data / "t10k-images-idx3-ubyte.gz") as f:
    images = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 28, 28)
with gzip.open(data / "t10k-labels-idx1-ubyte.gz") as f:
    labels = np.frombuffer(f.read(), np.uint8, offset=8)

for c, name in enumerate(classes):
    folder = here / "fmnist" / name
    folder.mkdir(parents=True, exist_ok=True)
    index = np.flatnonzero(labels == c)
    Image.fromarray(images[index[0]]).save(folder / "a.png", optimize=True)
    if c < 5:
        Image.fromarray(images[index[1]]).save(folder / "b.jpg", quality=90)

np.savez_compressed(here / "fmnist.npz", input=images[:12, None], labels=labels[:12].astype(np.int64))

rng = np.random.default_rng(1)
for name, (h, w), ext in [("a", (20, 24), "png"), ("b", (32, 32), "jpg"), ("c", (16, 40), "bmp"),
                          ("d", (24, 20), "webp"), ("e", (30, 18), "png"), ("f", (12, 12), "jpg")]:
    folder = here / "colour" / ("warm" if name in "ace" else "cool")
    folder.mkdir(parents=True, exist_ok=True)
    Image.fromarray(rng.integers(0, 256, (h, w, 3), dtype=np.uint8)).save(folder / f"{name}.{ext}")

torch.manual_seed(1)
net = torch.nn.Sequential(
    torch.nn.Conv2d(3, 8, 3, padding=1), torch.nn.ReLU(),
    torch.nn.Conv2d(8, 8, 3, padding=1), torch.nn.ReLU(),
    torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten(), torch.nn.Linear(8, 10)).eval()
torch.onnx.export(net, torch.zeros(1, 3, 32, 32), here / "dynamic_hw.onnx", input_names=["image"], output_names=["logits"],
                  dynamic_axes={"image": {0: "batch", 2: "height", 3: "width"}, "logits": {0: "batch"}}, opset_version=17)
