#!/usr/bin/python3
"""Write the small Fashion-MNIST subsets kept in examples/data/.

  train-images-idx3-ubyte.gz / train-labels-idx1-ubyte.gz : first 2,000 training images
      and labels (calibration set)
  t10k-images-idx3-ubyte.gz  / t10k-labels-idx1-ubyte.gz  : first 2,000 test images and
      labels (evaluation set)

The files have exactly the IDX layout and gzip compression of the original Fashion-MNIST
distribution (and of Debian's dataset-fashion-mnist package), with only the item count in
the header changed, so one reader handles both. Output is byte-for-byte reproducible (gzip
header without file name and with mtime 0).

Usage: /usr/bin/python3 examples/data/make_subsets.py [--src /usr/share/datasets/fashion-mnist]
           [--out examples/data] [--count 2000]
"""
import argparse
import gzip
import os
import struct

FILES = ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
         "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")


def subset_idx(data, count):
    """Return the IDX bytes `data` cut to its first `count` items."""
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        raise ValueError("not an unsigned-byte IDX file")
    dims = list(struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim]))
    if count > dims[0]:
        raise ValueError(f"only {dims[0]} items, asked for {count}")
    item = 1
    for d in dims[1:]:
        item *= d
    header = 4 + 4 * ndim
    body = data[header:header + count * item]
    dims[0] = count
    return data[:4] + struct.pack(">" + "I" * ndim, *dims) + body


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--out", default=here)
    ap.add_argument("--count", type=int, default=2000)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for name in FILES:
        with gzip.open(os.path.join(args.src, name), "rb") as f:
            data = subset_idx(f.read(), args.count)
        path = os.path.join(args.out, name)
        with open(path, "wb") as raw, \
                gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write(data)
        print(f"{path}: {args.count} items, {len(data):,} bytes raw, "
              f"{os.path.getsize(path):,} bytes gzip")


if __name__ == "__main__":
    main()
