#!/usr/bin/env bash
# Regenerates every file in samples/ from nothing but ImageMagick 6 (/usr/bin/convert, system policy)
# and python3's standard library. Deterministic: running it twice yields identical bytes.
#
# HEIC and AVIF are written by ImageMagick's own HEIC coder (libheif 1.15, x265 / libaom), so no
# extra tool is needed on Debian bookworm with the imagemagick-6.q16 package.
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

echo "samples regenerated in $(pwd)"
