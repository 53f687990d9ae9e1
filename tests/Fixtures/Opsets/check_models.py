#!/usr/bin/python3
"""Check ONNX files with the ONNX checker at their own opset (full check: strict shape inference too).

ONNX Runtime, which the tests run every emitted model in, already rejects an operator form its opset does not
have; this is a second, independent opinion for stage files written by `quiltnet partition` or by ModelSplitter.

Usage (Debian 12: apt-get install python3-onnx):

  /usr/bin/python3 tests/Fixtures/Opsets/check_models.py FILE_OR_FOLDER...

Prints one line per file (its default-domain opset and OK or the checker's complaint); exits 1 if any fails.
"""
import os
import sys

import onnx


def files(paths):
    for path in paths:
        if os.path.isdir(path):
            for root, _, names in os.walk(path):
                yield from (os.path.join(root, n) for n in sorted(names) if n.endswith(".onnx"))
        else:
            yield path


def main():
    failed = 0
    for path in files(sys.argv[1:]):
        model = onnx.load(path)
        opset = next((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), 0)
        try:
            onnx.checker.check_model(model, full_check=True)
            print(f"{path}: opset {opset}: OK")
        except Exception as error:  # the checker raises several types; each is a failure to report
            failed += 1
            print(f"{path}: opset {opset}: {str(error).splitlines()[0]}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
