#!/usr/bin/python3
"""Write Pillow reference values for Darkroom's Moondream image preprocessing (package
``org.darkroom.vision.preprocess``), so that the Java port can be held to byte equality with PIL.

Needs Debian's ``python3-pil`` (Pillow 9.4) and ``python3-numpy``. Run from the repository root::

    /usr/bin/python3 tools/make-resample-reference.py

It writes ``src/test/resources/preprocess/pillow-bicubic.json``; the output is deterministic.

Source images are synthetic so that Java can rebuild them without a file. Pixel (x, y) of a W x H image is::

    r = (7 * x + 13 * y) % 256
    g = (x * x + 3 * y) % 256
    b = (x ^ y) % 256

(the same formula is in ``PillowReference.java``). The wrap-arounds give hard edges, so the bicubic overshoot
and the clipping to 0..255 are exercised, not just smooth ramps.

Two kinds of case:

* ``resize``: ``image.crop(box).resize((outW, outH), Image.BICUBIC)``, recorded as the SHA-256 of the output's
  interleaved RGB bytes plus a few sampled pixels for diagnostics.
* ``pipeline``: the ``.mf`` client's preprocessing (global 378x378 crop, template choice, local crops) followed
  by its normalisation ``(np.array(img) / 255.0 - 0.5) / 0.5`` cast to float16 and transposed to CHW, stacked to
  [N, 3, 378, 378]; recorded as the SHA-256 of the little-endian float16 bytes, the template and the per-crop
  RGB hashes.
"""

import hashlib
import json
import os
import sys

import numpy as np
import PIL
from PIL import Image

OUT = "src/test/resources/preprocess/pillow-bicubic.json"
CROP = 378
TEMPLATES = [(1, 2), (2, 1), (2, 2)]  # (rows, cols), in the client's order: min() keeps the first of ties

# (name, source W, source H, crop box or None for the whole image, output W, output H)
RESIZES = [
    ("strong downscale", 1000, 700, None, 378, 378),
    ("mild downscale", 500, 450, None, 378, 378),
    ("upscale", 100, 60, None, 378, 378),
    ("odd crop box", 1000, 700, (137, 51, 637, 400), 378, 378),
    ("non-square output, downscale", 640, 480, None, 200, 120),
    ("up one axis, down the other", 300, 200, None, 517, 91),
    ("large reduction factor", 4000, 30, None, 378, 5),
    ("only the vertical pass", 378, 1000, None, 378, 378),
    ("only the horizontal pass", 1000, 378, None, 378, 378),
    ("same size is a copy", 378, 378, None, 378, 378),
    ("crop already at the output size", 1000, 700, (5, 7, 383, 385), 378, 378),
    ("one pixel wide source", 1, 50, None, 378, 378),
    ("one pixel high source", 50, 1, None, 378, 378),
    ("single pixel source", 1, 1, None, 3, 2),
    ("one pixel wide crop", 1000, 700, (10, 0, 11, 700), 378, 378),
    ("to one pixel", 640, 480, None, 1, 1),
]

# (name, source W, source H): one per template and the small-image case
PIPELINES = [
    ("wide 2:1", 800, 400),
    ("tall 2:3", 600, 900),
    ("4:3", 1000, 750),
    ("small", 400, 300),
]

SAMPLES = 6


def source(width, height):
    y, x = np.mgrid[0:height, 0:width].astype(np.int64)
    rgb = np.stack([(7 * x + 13 * y) % 256, (x * x + 3 * y) % 256, (x ^ y) % 256], axis=-1)
    return Image.fromarray(rgb.astype(np.uint8), "RGB")


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def samples(img):
    """A few pixels spread over the image, corners included, as [x, y, r, g, b]."""
    w, h = img.size
    points = [(0, 0), (w - 1, h - 1)] + [((i * 131) % w, (i * 71) % h) for i in range(1, SAMPLES - 1)]
    px = np.asarray(img)
    return [[x, y] + [int(v) for v in px[y, x]] for x, y in points]


def resize(img, box, out_w, out_h):
    cropped = img if box is None else img.crop(box)
    return cropped.resize((out_w, out_h), Image.Resampling.BICUBIC)


def template(width, height):
    if max(width, height) < CROP * 1.4:
        return (1, 1)
    aspect = width / height
    return min(TEMPLATES, key=lambda t: abs(t[1] / t[0] - aspect))


def crops(img):
    """The client's crops: global first, then local crops row-major; remainders of the integer split dropped."""
    width, height = img.size
    rows, cols = template(width, height)
    out = [resize(img, None, CROP, CROP)]
    if (rows, cols) != (1, 1):
        pw, ph = width // cols, height // rows
        for r in range(rows):
            for c in range(cols):
                out.append(resize(img, (c * pw, r * ph, c * pw + pw, r * ph + ph), CROP, CROP))
    return (rows, cols), out


def tensor(images):
    chw = [((np.asarray(i) / 255.0 - 0.5) / 0.5).transpose(2, 0, 1) for i in images]
    return np.stack(chw).astype("<f2")


def normalised_bits():
    """float16 bit patterns of the normalisation of byte values 0..255, computed as tensor() computes them."""
    ramp = Image.fromarray(np.repeat(np.arange(256, dtype=np.uint8)[None, :, None], 3, axis=2), "RGB")
    return [int(v) for v in tensor([ramp])[0, 0, 0].view(np.uint16)]


def compact(doc):
    """JSON with one line per case, so that a regenerated file diffs case by case."""
    lines = ["{"]
    items = list(doc.items())
    for i, (key, value) in enumerate(items):
        end = "," if i < len(items) - 1 else ""
        if isinstance(value, list) and value and isinstance(value[0], dict):
            cases = [" " * 4 + json.dumps(case) for case in value]
            lines.append(f"  {json.dumps(key)}: [\n" + ",\n".join(cases) + f"\n  ]{end}")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value)}{end}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    if not os.path.isdir("src/test/resources"):
        sys.exit("run from the repository root")
    resizes = []
    for name, w, h, box, out_w, out_h in RESIZES:
        out = resize(source(w, h), box, out_w, out_h)
        resizes.append({
            "name": name, "sourceWidth": w, "sourceHeight": h,
            "box": list(box) if box else [0, 0, w, h], "outWidth": out_w, "outHeight": out_h,
            "sha256": sha256(out.tobytes()), "samples": samples(out),
        })
    pipelines = []
    for name, w, h in PIPELINES:
        (rows, cols), images = crops(source(w, h))
        pipelines.append({
            "name": name, "sourceWidth": w, "sourceHeight": h, "rows": rows, "cols": cols,
            "cropSha256": [sha256(i.tobytes()) for i in images],
            "float16Sha256": sha256(tensor(images).tobytes()),
        })
    doc = {
        "generator": "tools/make-resample-reference.py",
        "pillow": PIL.__version__, "numpy": np.__version__,
        "source": "r = (7x + 13y) % 256, g = (x*x + 3y) % 256, b = (x ^ y) % 256",
        "normalisedFloat16": normalised_bits(),
        "resize": resizes, "pipeline": pipelines,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write(compact(doc))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
