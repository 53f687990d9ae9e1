#!/usr/bin/env python3
"""Prepares a PaddleOCR export for QuiltNet (python3-onnx): gives its dynamic height and width fixed sizes, keeping the
batch dynamic (the exports take any size; one size keeps the recorded figures reproducible), and converts it from opset
9/11 to opset 13 (QuiltNet also lifts older opsets itself for its backward graphs; the recorded runs used these copies).
The weights and the computation are unchanged.
Usage: prepare_model.py IN.onnx OUT.onnx INPUT=CxHxW"""
import copy
import sys

import onnx
from onnx import shape_inference, version_converter

source, target, binding = sys.argv[1:4]
name, dims = binding.split("=")
sizes = [int(d) for d in dims.split("x")]
model = onnx.load(source)
for value in model.graph.input:
    if value.name == name:
        shape = value.type.tensor_type.shape.dim
        if len(shape) != len(sizes) + 1:
            sys.exit(f"error: {source}: input {name} has rank {len(shape)}, and {binding} gives {len(sizes)} dimensions after the batch")
        for dim, size in zip(shape[1:], sizes):
            dim.Clear()
            dim.dim_value = size
        break
else:
    sys.exit(f"error: {source} has no input {name}")

model = shape_inference.infer_shapes(model)
# The Softmax adapter of the converter needs its input's shape, which ONNX's inference loses behind the exports' Reshape.
known = {v.name for v in [*model.graph.value_info, *model.graph.input, *model.graph.output] if v.type.tensor_type.HasField("shape")}
outputs = {o.name: o for o in model.graph.output}
for node in model.graph.node:
    if node.op_type == "Softmax" and node.input[0] not in known and node.output[0] in outputs:
        info = copy.deepcopy(outputs[node.output[0]])
        info.name = node.input[0]
        model.graph.value_info.append(info)
model = version_converter.convert_version(model, 13)
onnx.checker.check_model(model)
onnx.save(model, target)
print(f"{target}: {binding}, opset 13")
