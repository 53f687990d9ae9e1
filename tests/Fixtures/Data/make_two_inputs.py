"""Writes the two-input, two-output fixture (run with Debian's python3 and python3-torch; seeded, a few seconds):

- two_inputs.onnx: an image branch on 'image' (N x 1 x 28 x 28: two strided convolutions, global average pooling) and a
  vector branch on 'features' (N x 8), merged into 'logits' (10 Fashion-MNIST classes) and 'aux' (2 values regressed on each input's mean). The
  vector branch runs after the image branch, so a cut between the convolutions carries the live input 'features'.
- two_inputs.npz: 48 Fashion-MNIST test images as uint8 'image', their float32 'features' (a noisy projection of the
  label, so the vector helps) and 'labels'.
"""
import gzip
import pathlib

import numpy as np
import torch

here = pathlib.Path(__file__).parent
data = here.parents[2] / "examples" / "data"
with gzip.open(data / "t10k-images-idx3-ubyte.gz") as f:
    images = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 1, 28, 28)
with gzip.open(data / "t10k-labels-idx1-ubyte.gz") as f:
    labels = np.frombuffer(f.read(), np.uint8, offset=8).astype(np.int64)

rng = np.random.default_rng(16)
projection = rng.normal(size=(10, 8)).astype(np.float32)
features = (projection[labels] + rng.normal(scale=2.0, size=(len(labels), 8))).astype(np.float32)


class TwoInputs(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(1, 8, 3, stride=2, padding=1)
        self.conv2 = torch.nn.Conv2d(8, 16, 3, stride=2, padding=1)
        self.vector = torch.nn.Linear(8, 16)
        self.head = torch.nn.Linear(32, 10)
        self.aux = torch.nn.Linear(32, 2)

    def forward(self, image, features):
        x = torch.relu(self.conv2(torch.relu(self.conv1(image))))
        x = x.mean(dim=(2, 3))
        both = torch.cat([x, torch.relu(self.vector(features))], dim=1)
        return self.head(both), self.aux(both)


torch.manual_seed(16)
net = TwoInputs()
x = torch.from_numpy(images.astype(np.float32) / 255)
v, y = torch.from_numpy(features), torch.from_numpy(labels)
optimiser = torch.optim.Adam(net.parameters(), lr=3e-3)
for step in range(300):  # on the images after the 48 the archive keeps
    rows = torch.randint(48, len(y), (128,))
    logits, aux = net(x[rows], v[rows])
    means = torch.stack([x[rows].mean(dim=(1, 2, 3)), v[rows].mean(dim=1)], dim=1)
    loss = torch.nn.functional.cross_entropy(logits, y[rows]) + (aux - means).pow(2).mean()
    optimiser.zero_grad()
    loss.backward()
    optimiser.step()
net.eval()
with torch.no_grad():
    print("accuracy on the kept 48:", (net(x[:48], v[:48])[0].argmax(1) == y[:48]).float().mean().item())

torch.onnx.export(net, (x[:1], v[:1]), here / "two_inputs.onnx", input_names=["image", "features"], output_names=["logits", "aux"],
                  dynamic_axes={n: {0: "batch"} for n in ["image", "features", "logits", "aux"]}, opset_version=17)
np.savez_compressed(here / "two_inputs.npz", image=images[:48], features=features[:48], labels=labels[:48])
