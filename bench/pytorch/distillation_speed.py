"""The same distillation training QuiltNet runs, in PyTorch, for a speed ratio.

A 64->16->64 bottleneck autoencoder (1x1 convolutions, ReLU decoder) after the second 64-channel
convolution of the VGG-style example model (64 x 14 x 14), trained by KL divergence against the
frozen model's own logits: 2,000 samples, batch 100, Adam 1e-3, 15 epochs, two threads.
Weights are freshly initialised (speed does not depend on them). Prints one JSON line.

    /usr/bin/python3 bench/pytorch/distillation_speed.py
"""
import json
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "examples", "models"))
from train_fmnist import VGG  # noqa: E402

torch.manual_seed(1)
torch.set_num_threads(2)
model = VGG().eval()
for p in model.parameters():
    p.requires_grad_(False)

# The cut: the last feature layer whose output is still 64 x 14 x 14.
layers = list(model.features)
x = torch.rand(1, 1, 28, 28)
cut = 0
for i, layer in enumerate(layers):
    x = layer(x)
    if tuple(x.shape[1:]) == (64, 14, 14):
        cut = i + 1
downstream = nn.Sequential(*layers[cut:], model.classifier).eval()

samples, epochs, batch = 2000, 15, 100
activations = torch.relu(torch.randn(samples, 64, 14, 14))
with torch.no_grad():
    teacher = F.softmax(downstream(activations), dim=-1)

encoder, decoder = nn.Conv2d(64, 16, 1), nn.Conv2d(16, 64, 1)
optimiser = torch.optim.Adam(list(encoder.parameters()) + list(decoder.parameters()), lr=1e-3)
generator = torch.Generator().manual_seed(1)

start = time.perf_counter()
for epoch in range(epochs):
    order = torch.randperm(samples, generator=generator)
    for b in range(0, samples, batch):
        rows = order[b:b + batch]
        student = downstream(torch.relu(decoder(encoder(activations[rows]))))
        loss = -(teacher[rows] * F.log_softmax(student, dim=-1)).sum(-1).mean()
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "torch": torch.__version__, "threads": torch.get_num_threads(), "cutAfterFeatureLayer": cut}))
