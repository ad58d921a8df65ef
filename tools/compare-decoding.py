#!/usr/bin/python3
"""Measure where Darkroom's decoding of an image for the vision model differs from the official Moondream client's.

The client opens an image with Pillow and calls ``convert("RGB")``; Darkroom decodes it with ImageMagick, under its
policy, with the arguments of ``VisionFlows.pixelArguments`` (first frame, upright, alpha off, sRGB, 8 bits, PPM).
Everything after that (crops, Pillow-exact bicubic resampling, normalisation) is held to Pillow byte for byte by
the Java tests, so the pixels decoded here are the whole of the preprocessing difference.

Needs Debian's ``python3-pil`` (Pillow 9.4) and ImageMagick. Run from the repository root::

    /usr/bin/python3 tools/compare-decoding.py [/usr/bin/convert]

It builds each case in a temporary directory (removed afterwards) and prints a Markdown table: the size each side
decoded and the absolute difference per 8-bit channel value (largest, mean, share of values that differ).
docs/VISION.md quotes its output.
"""

import io
import os
import struct
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image, ImageOps, PngImagePlugin

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONVERT = sys.argv[1] if len(sys.argv) > 1 else "/usr/bin/convert"
# The same as VisionFlows.pixelArguments, after "<coder>:<file>[0]".
PIXEL_ARGUMENTS = ["-auto-orient", "-alpha", "off", "-colorspace", "sRGB", "-type", "TrueColor", "-depth", "8",
                   "-strip"]


def magick(*args, policy=True):
    """Runs ImageMagick; under Darkroom's policy unless it is making a test file in a format the policy denies."""
    env = {"PATH": "/usr/bin:/bin"}
    if policy:
        env["MAGICK_CONFIGURE_PATH"] = os.path.join(ROOT, "policy")
    subprocess.run([CONVERT, *args], check=True, env=env, capture_output=True)


def darkroom_pixels(path, coder, work):
    ppm = os.path.join(work, "pixels.ppm")
    magick(f"{coder}:{path}[0]", *PIXEL_ARGUMENTS, f"ppm:{ppm}")
    with Image.open(ppm) as decoded:
        return np.asarray(decoded.convert("RGB"), dtype=np.int16)


def client_pixels(path, upright=False):
    with Image.open(path) as image:
        if upright:
            image = ImageOps.exif_transpose(image)
        return np.asarray(image.convert("RGB"), dtype=np.int16)


def scene(width=320, height=200):
    """A photo-like test card: smooth ramps, a hard edge and mid tones, where decoders differ if they differ."""
    y, x = np.mgrid[0:height, 0:width]
    rgb = np.stack([(x * 255 // (width - 1)), (y * 255 // (height - 1)), ((x + y) * 3) % 256], axis=-1)
    rgb[height // 3:height // 2, width // 4:width // 2] = (200, 40, 90)
    return rgb.astype(np.uint8)


def write_cases(work):
    """Each case: (label, file, ImageMagick coder, whether the client's image is first turned upright).

    Files are made with Pillow or ImageMagick, as each allows."""
    card = Image.fromarray(scene())
    cases = []

    def add(label, name, coder, upright=False):
        cases.append((label, os.path.join(work, name), coder, upright))

    card.save(os.path.join(work, "plain.jpg"), quality=90)
    add("sRGB JPEG (baseline)", "plain.jpg", "jpeg")

    card.save(os.path.join(work, "plain.png"))
    add("sRGB PNG (baseline)", "plain.png", "png")

    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: the camera was turned; viewers rotate 90° clockwise
    card.save(os.path.join(work, "rotated.jpg"), quality=90, exif=exif)
    add("JPEG with EXIF Orientation 6", "rotated.jpg", "jpeg")
    add("the same, the client's image turned upright first (ImageOps.exif_transpose)", "rotated.jpg", "jpeg",
        upright=True)

    for gamma, label in ((100000, "1.0 (linear)"), (45455, "1/2.2")):
        info = PngImagePlugin.PngInfo()
        info.add(b"gAMA", struct.pack(">I", gamma))
        card.save(os.path.join(work, f"gamma-{gamma}.png"), pnginfo=info)
        add(f"PNG with gAMA {label}, no sRGB chunk", f"gamma-{gamma}.png", "png")

    magick("png:" + os.path.join(work, "plain.png"), "-depth", "16", "-evaluate", "add", "101",
           "png48:" + os.path.join(work, "rgb16.png"), policy=False)
    add("16-bit RGB PNG", "rgb16.png", "png")

    magick("png:" + os.path.join(work, "plain.png"), "-colorspace", "Gray", "-depth", "16", "-evaluate", "add",
           "101", "png:" + os.path.join(work, "gray16.png"), policy=False)
    add("16-bit grayscale PNG", "gray16.png", "png")

    magick("jpeg:" + os.path.join(work, "plain.jpg"), "-colorspace", "CMYK", "-quality", "90",
           "jpeg:" + os.path.join(work, "cmyk.jpg"), policy=False)
    add("CMYK JPEG, no ICC profile", "cmyk.jpg", "jpeg")

    rgba = card.convert("RGBA")
    rgba.putalpha(Image.linear_gradient("L").resize(card.size))
    rgba.save(os.path.join(work, "alpha.png"))
    add("RGBA PNG (alpha dropped, not blended)", "alpha.png", "png")
    return cases


def compare(label, path, coder, upright, work):
    ours = darkroom_pixels(path, coder, work)
    theirs = client_pixels(path, upright)
    if ours.shape != theirs.shape:
        return f"| {label} | {ours.shape[1]}×{ours.shape[0]} | {theirs.shape[1]}×{theirs.shape[0]} | — | — | — |"
    diff = np.abs(ours - theirs)
    return (f"| {label} | {ours.shape[1]}×{ours.shape[0]} | {theirs.shape[1]}×{theirs.shape[0]} | {diff.max()} "
            f"| {diff.mean():.2f} | {100.0 * np.count_nonzero(diff) / diff.size:.1f} % |")


def main():
    version = subprocess.run([CONVERT, "-version"], capture_output=True, text=True).stdout.splitlines()[0]
    print(f"Pillow {Image.__version__}; {version}")
    print()
    print("| input | Darkroom decodes | client decodes | largest difference | mean | values that differ |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="darkroom-decoding-") as work:
        for label, path, coder, upright in write_cases(work):
            print(compare(label, path, coder, upright, work))


if __name__ == "__main__":
    main()
