#!/usr/bin/env bash
# Regenerates every file in samples/ from nothing but ImageMagick 6 (/usr/bin/convert, system policy),
# libjxl's cjxl and python3's standard library. Deterministic: running it twice yields identical bytes.
#
# HEIC and AVIF are written by ImageMagick's own HEIC coder (libheif 1.15, x265 / libaom), so no
# extra tool is needed on Debian bookworm with the imagemagick-6.q16 package. ImageMagick 6 has no
# JPEG XL coder, hence cjxl (libjxl 0.7, package libjxl-tools). The SVG is a heredoc and the DNGs
# are written byte by byte in Python: no encoder, so nothing that could change under us.
set -euo pipefail

cd "$(dirname "$0")"

# The system policy, not the project's restrictive one, and no locale or clock leaking into outputs.
unset MAGICK_CONFIGURE_PATH
export LC_ALL=C TZ=UTC
IM=/usr/bin/convert
# Encoders stamp creation/modification dates into PNG text chunks unless told not to.
NODATE=(+set date:create +set date:modify -define png:exclude-chunks=date,time)

# A scene with a marker in its top-left corner, so a wrong rotation or flip is visible by eye.
scene() { # width height
    local w=$1 h=$2
    "$IM" -size "${w}x${h}" gradient:'#2b5d8c-#f2c14e' \
        -fill '#c0392b' -draw "rectangle 0,0 $((w / 6)),$((h / 6))" \
        -fill '#27ae60' -draw "circle $((w / 2)),$((h / 2)) $((w / 2)),$((h / 2 + h / 5))" \
        -fill none -stroke white -strokewidth 2 -draw "line 0,$((h - 1)) $((w - 1)),0" \
        "${NODATE[@]}" -depth 8 "png:$3"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---- valid: one of every allowed type, each a distinct non-square size ---------------------------

scene 640 427 "$tmp/scene.png"
"$IM" "$tmp/scene.png" -strip -sampling-factor 2x2 -quality 82 jpeg:plain.jpg

# ImageMagick 6 only rewrites an EXIF Orientation that already exists (-orient adds none), so we
# insert a minimal EXIF APP1 holding Orientation=6 (RightTop) right after the JFIF APP0 segment.
python3 - plain.jpg photo.jpg <<'PY'
import struct, sys
src, dst = sys.argv[1], sys.argv[2]
data = open(src, "rb").read()
assert data[:4] == b"\xff\xd8\xff\xe0", "expected SOI + JFIF APP0"
app0_end = 4 + struct.unpack(">H", data[4:6])[0]
tiff = b"MM\x00\x2a" + struct.pack(">I", 8)                  # big-endian TIFF header, IFD0 at 8
tiff += struct.pack(">H", 1)                                  # one entry
tiff += struct.pack(">HHIHH", 0x0112, 3, 1, 6, 0)             # Orientation SHORT x1 = 6
tiff += struct.pack(">I", 0)                                  # no next IFD
payload = b"Exif\x00\x00" + tiff
app1 = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
open(dst, "wb").write(data[:app0_end] + app1 + data[app0_end:])
PY

# alpha.png: opaque in the centre, fading to fully transparent at the corners.
scene 400 300 "$tmp/s400.png"
"$IM" "$tmp/s400.png" \( -size 400x300 radial-gradient:white-black \) \
    -alpha off -compose CopyOpacity -composite "${NODATE[@]}" -depth 8 png32:alpha.png

# animated.gif: three 200x150 frames whose marker moves, looping forever.
"$IM" -delay 25 -loop 0 \
    \( -size 200x150 xc:'#2b5d8c' -fill '#f2c14e' -draw 'rectangle 10,10 60,60' \) \
    \( -size 200x150 xc:'#27ae60' -fill '#f2c14e' -draw 'rectangle 75,50 125,100' \) \
    \( -size 200x150 xc:'#c0392b' -fill '#f2c14e' -draw 'rectangle 140,90 190,140' \) \
    -layers Optimize gif:animated.gif

scene 320 240 "$tmp/s320.png"
"$IM" "$tmp/s320.png" -quality 75 webp:photo.webp
"$IM" "$tmp/s320.png" -quality 60 heic:photo.heic
"$IM" "$tmp/s320.png" -quality 60 avif:photo.avif

# photo.jxl: lossy (VarDCT, distance 1) from a PPM, so no alpha channel and no PNG gAMA chunk reach
# the encoder; the colour hint names sRGB outright instead of letting cjxl guess (and warn). cjxl
# 0.7 gave the same bytes with and without threads; --num_threads=0 rules threading out anyway.
scene 336 224 "$tmp/s336.png"
"$IM" "$tmp/s336.png" -alpha off -depth 8 "ppm:$tmp/s336.ppm"
cjxl "$tmp/s336.ppm" photo.jxl -d 1.0 -x color_space=RGB_D65_SRG_Per_SRG --num_threads=0 --quiet

# drawing.svg: the scene again as SVG 1.1, with the public DTD declared (a reader must not fetch
# it), a gradient and a text element. 360x270 by its width/height attributes; the viewBox matches.
cat > drawing.svg <<'SVG'
<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="360" height="270" viewBox="0 0 360 270">
  <title>Darkroom sample drawing</title>
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#2b5d8c"/>
      <stop offset="1" stop-color="#f2c14e"/>
    </linearGradient>
  </defs>
  <rect x="0" y="0" width="360" height="270" fill="url(#sky)"/>
  <rect x="0" y="0" width="60" height="45" fill="#c0392b"/>
  <circle cx="180" cy="135" r="54" fill="#27ae60"/>
  <line x1="0" y1="269" x2="359" y2="0" stroke="#ffffff" stroke-width="2"/>
  <text x="180" y="250" font-family="sans-serif" font-size="24" text-anchor="middle" fill="#ffffff">darkroom</text>
</svg>
SVG

# A DNG writer (used again for huge.dng below): a little-endian TIFF whose IFD0 is a 32x24 8-bit RGB
# preview (NewSubFileType 1) that is SOLID BLUE, so a test can prove the preview is never taken for
# the picture (ImageMagick's `tiff:` coder reads exactly that preview), and whose SubIFDs tag points
# to the raw IFD: uncompressed 16-bit CFA, RGGB, black 512, white 16383 (14-bit data).
#
# The camera's native space is linear sRGB: ColorMatrix1 (XYZ -> camera, D65) is the XYZ -> linear
# sRGB matrix, so LibRaw's camera -> sRGB matrix comes out as identity, and AsShotNeutral 1 1 1 gives
# unit white-balance multipliers. The developed colours are therefore the linear values below
# through the output gamma, nothing else:
#   left half   orange-red  (0.60, 0.12, 0.03)
#   right half  green       (0.05, 0.45, 0.08)
#   a 32x32 neutral grey 0.70 in the bottom-right corner (marks orientation; proves grey stays grey).
# The grey stays below 0.75 of white on purpose: above that, LibRaw's adjust-maximum (-c 0.75) takes
# the brightest value in the data for white and rescales everything.
#
# The strips come last (preview, then raw), so every IFD precedes any cut made in the raw data.
# Arguments: output, raw width, raw height, and optionally how many bytes of raw data to write
# (the strip byte count says that many), for a header that declares more than the file holds.
cat > "$tmp/dng.py" <<'PY'
import struct, sys

BYTE, ASCII, SHORT, LONG, RATIONAL, SRATIONAL = 1, 2, 3, 4, 5, 10
FMT = {BYTE: "B", ASCII: "B", SHORT: "H", LONG: "I", RATIONAL: "II", SRATIONAL: "ii"}
BLACK, WHITE = 512, 16383
LEFT, RIGHT, GREY = (0.60, 0.12, 0.03), (0.05, 0.45, 0.08), (0.70, 0.70, 0.70)
CFA = (0, 1, 1, 2)                                            # R G / G B
XYZ_TO_SRGB = (32406, -15372, -4986, -9689, 18758, 415, 557, -2040, 10570)   # / 10000

def entry(tag, kind, values):
    if kind == ASCII:
        values = list(values.encode("ascii") + b"\x00")
    if kind in (RATIONAL, SRATIONAL):
        values = [x for pair in values for x in pair]
    count = len(values) // 2 if kind in (RATIONAL, SRATIONAL) else len(values)
    return tag, kind, count, struct.pack("<%d%s" % (len(values), FMT[kind][0]), *values)

def ifd_size(entries):
    return 2 + 12 * len(entries) + 4 + sum((len(v) + 1) & ~1 for _, _, _, v in entries if len(v) > 4)

def ifd_bytes(entries, at):
    """One IFD placed at offset `at`, entries sorted by tag, values over 4 bytes right after it."""
    entries = sorted(entries)
    head, extra = struct.pack("<H", len(entries)), b""
    extra_at = at + 2 + 12 * len(entries) + 4
    for tag, kind, count, value in entries:
        if len(value) <= 4:
            head += struct.pack("<HHI", tag, kind, count) + value.ljust(4, b"\x00")
        else:
            head += struct.pack("<HHII", tag, kind, count, extra_at + len(extra))
            extra += value + b"\x00" * (len(value) & 1)
    return head + struct.pack("<I", 0) + extra

def ifd0(sub_at, strip_at, preview, pw, ph):
    return [
        entry(254, LONG, [1]),                                # NewSubFileType: reduced-resolution
        entry(256, SHORT, [pw]), entry(257, SHORT, [ph]),
        entry(258, SHORT, [8, 8, 8]), entry(259, SHORT, [1]), entry(262, SHORT, [2]),   # RGB
        entry(271, ASCII, "Darkroom"), entry(272, ASCII, "Test Camera"),
        entry(273, LONG, [strip_at]), entry(274, SHORT, [1]), entry(277, SHORT, [3]),
        entry(278, SHORT, [ph]), entry(279, LONG, [len(preview)]), entry(284, SHORT, [1]),
        entry(330, LONG, [sub_at]),                           # SubIFDs -> the raw IFD
        entry(50706, BYTE, [1, 4, 0, 0]), entry(50707, BYTE, [1, 1, 0, 0]),
        entry(50708, ASCII, "Darkroom Test Camera"),
        entry(50721, SRATIONAL, [(v, 10000) for v in XYZ_TO_SRGB]),   # ColorMatrix1
        entry(50728, RATIONAL, [(1, 1)] * 3),                 # AsShotNeutral
        entry(50778, SHORT, [21]),                            # CalibrationIlluminant1: D65
    ]

def raw_ifd(strip_at, w, h, nbytes):
    return [
        entry(254, LONG, [0]),                                # NewSubFileType: the main image
        entry(256, LONG, [w]), entry(257, LONG, [h]),
        entry(258, SHORT, [16]), entry(259, SHORT, [1]), entry(262, SHORT, [32803]),    # CFA
        entry(273, LONG, [strip_at]), entry(277, SHORT, [1]), entry(278, LONG, [h]),
        entry(279, LONG, [nbytes]), entry(284, SHORT, [1]),
        entry(33421, SHORT, [2, 2]), entry(33422, BYTE, list(CFA)),   # CFARepeatPatternDim, CFAPattern
        entry(50710, BYTE, [0, 1, 2]), entry(50711, SHORT, [1]),      # CFAPlaneColor, CFALayout
        entry(50714, SHORT, [BLACK]), entry(50717, SHORT, [WHITE]),
    ]

def sample(x, y, w, h):
    lin = GREY if x >= w - 32 and y >= h - 32 else LEFT if x < w // 2 else RIGHT
    return BLACK + round(lin[CFA[(y & 1) * 2 + (x & 1)]] * (WHITE - BLACK))

out, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
nbytes = int(sys.argv[4]) if len(sys.argv) > 4 else w * h * 2
raw = struct.pack("<%dH" % (nbytes // 2), *(sample(i % w, i // w, w, h) for i in range(nbytes // 2)))
pw, ph = 32, 24
preview = bytes([0, 0, 255]) * (pw * ph)
at1 = 8 + ifd_size(ifd0(0, 0, preview, pw, ph))
at_preview = at1 + ifd_size(raw_ifd(0, w, h, nbytes))
at_raw = at_preview + len(preview)
dng = b"II*\x00" + struct.pack("<I", 8)
dng += ifd_bytes(ifd0(at1, at_preview, preview, pw, ph), 8)
dng += ifd_bytes(raw_ifd(at_raw, w, h, nbytes), at1)
assert len(dng) == at_preview
open(out, "wb").write(dng + preview + raw)
PY
python3 "$tmp/dng.py" photo.dng 256 160

# scan.tiff: two 300x200 pages (a greyscale ramp and a colour page), zip-compressed.
scene 300 200 "$tmp/s300.png"
"$IM" \( -size 300x200 gradient:white-black -colorspace Gray \) "$tmp/s300.png" \
    -strip -alpha off -depth 8 -compress zip tiff:scan.tiff

scene 64 48 "$tmp/s64.png"
"$IM" "$tmp/s64.png" -strip -alpha off -type TrueColor bmp3:icon.bmp

# ---- hostile: files that must never be processed as the type their name claims ------------------

printf 'This is plain text pretending to be a JPEG.\nIt has no image data at all.\n' > not-an-image.jpg

printf '%s\n' \
    'push graphic-context' \
    'viewbox 0 0 64 64' \
    "image over 0,0 0,0 'text:/etc/passwd'" \
    'pop graphic-context' > payload-mvg.png

cat > payload-svg.png <<'SVG'
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="64" height="64">
  <image x="0" y="0" width="64" height="64" xlink:href="text:/etc/passwd"/>
</svg>
SVG

cat > payload-msl.png <<'MSL'
<?xml version="1.0" encoding="UTF-8"?>
<image>
  <read filename="text:/etc/passwd"/>
  <write filename="/tmp/darkroom-msl-pwned.png"/>
</image>
MSL

# pixel-bomb.png: a well-formed PNG (valid CRCs) whose IHDR claims 100000x100000 RGB, i.e. 10^10
# pixels, with a 16-byte stored-deflate IDAT so the file stays tiny. Hand-built deflate keeps the
# bytes independent of the zlib version.
python3 - pixel-bomb.png <<'PY'
import struct, sys, zlib
def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
raw = b"\x00" * 16
stored = b"\x78\x01" + b"\x01" + struct.pack("<HH", len(raw), len(raw) ^ 0xFFFF) + raw \
    + struct.pack(">I", zlib.adler32(raw))
png = b"\x89PNG\r\n\x1a\n"
png += chunk(b"IHDR", struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0))
png += chunk(b"IDAT", stored)
png += chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY

# truncated.jpg: the first 40% of plain.jpg, cut mid-scan.
head -c $(( $(stat -c %s plain.jpg) * 40 / 100 )) plain.jpg > truncated.jpg

: > empty.png

# mismatch.png: genuine JPEG bytes behind a .png name.
"$IM" "$tmp/s320.png" -strip -resize 160x120 -quality 70 jpeg:mismatch.png

# truncated.dng: the first half of photo.dng. The raw strip is the last 80 KB of an 83 KB file, so
# the cut falls in its middle (row 77 of 160) with every IFD intact: identification succeeds and
# decoding fails.
head -c $(( $(stat -c %s photo.dng) / 2 )) photo.dng > truncated.dng

# huge.dng: photo.dng's structure, but the raw IFD declares 100000x100000 (10^10 pixels) over a
# 64-byte strip. LibRaw 0.20 refuses raw sizes over 64000 on its own; the project's limit must not
# rely on that.
python3 "$tmp/dng.py" huge.dng 100000 100000 64

# fake.dng: an ordinary RGB TIFF (ImageMagick's, uncompressed) behind a .dng name: no DNGVersion,
# no CFA, no raw data.
scene 96 64 "$tmp/s96.png"
"$IM" "$tmp/s96.png" -strip -alpha off -depth 8 -compress none tiff:fake.dng

echo "samples regenerated in $(pwd)"
