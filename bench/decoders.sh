#!/usr/bin/env bash
# Outside decoders and encoders benchmark (a benchmark, not a test): what an SVG, a camera raw and a JPEG XL
# cost through Darkroom's HTTP door, next to the same two commands (the outside tool, then ImageMagick) run one
# after the other from a shell. One request at a time, so the figures are latencies, not throughput.
# Prefer `./darkroom bench decoders`: it checks prerequisites and builds before this runs.
# Usage: bench/decoders.sh [--count N] [--port P]
set -euo pipefail

# REPO, WORK, CONVERT, log, die, now, median_ms, fresh_dir, start_service, stop_service, common_facts…
# shellcheck source-path=SCRIPTDIR source=lib.sh disable=SC1091 # followed with shellcheck -x
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"

readonly OUT="$WORK/decoders"
readonly SERVICE_LOG="$WORK/darkroom-decoders.log"
readonly DATA=bench-work/decoders-data
readonly WARMUP=5
COUNT=40
PORT=18081

while (($# > 0)); do
  case $1 in
    --count) COUNT=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    *) sed -n 's/^# \{0,1\}//; 2,6p' "${BASH_SOURCE[0]}" >&2; exit 2 ;;
  esac
done

trap stop_service EXIT

# The ImageMagick part, as Darkroom runs it for a 128×128 thumbnail (same limits, one thread).
magick_thumbnail() { # INPUT CODER OUTPUT
  "$CONVERT" -regard-warnings -limit thread 1 "$2:$1[0]" -auto-orient -thumbnail '128x128>' -strip "png:$3"
}

# direct_once NAME: the shell's version of one request, in a fresh directory.
direct_once() {
  local dir=$OUT/direct
  fresh_dir "$dir"
  case $1 in
    svg) rsvg-convert --format=png --width=360 --height=270 --output="$dir/d.png" <"$REPO/samples/drawing.svg"
      magick_thumbnail "$dir/d.png" png "$dir/out.png" ;;
    dng) cp "$REPO/samples/photo.dng" "$dir/in"
      dcraw_emu -w -o 1 -T -Z "$dir/d.tiff" "$dir/in"
      "$CONVERT" -regard-warnings -limit thread 1 "tiff:$dir/d.tiff[0]" -auto-orient -thumbnail '128x128>' -strip \
        -quality 85 "jpeg:$dir/out.jpg" ;;
    jxl) djxl "$REPO/samples/photo.jxl" "$dir/d.png" --num_threads=1 --quiet
      magick_thumbnail "$dir/d.png" png "$dir/out.png" ;;
    to-jxl) "$CONVERT" -regard-warnings -limit thread 1 "png:$REPO/samples/alpha.png[0]" -auto-orient -strip \
        -quality 10 "png:$dir/o.png"
      cjxl "$dir/o.png" "$dir/out.jxl" --quality=85 --num_threads=0 --quiet ;;
  esac
}

darkroom_once() {
  local url="http://127.0.0.1:$PORT/v1/flows"
  case $1 in
    svg) curl -sf -o /dev/null -w '%{time_total}\n' -H 'Content-Type: image/svg+xml' \
      --data-binary "@$REPO/samples/drawing.svg" "$url/thumbnail?width=128&height=128" ;;
    dng) curl -sf -o /dev/null -w '%{time_total}\n' -H 'Content-Type: image/x-adobe-dng' \
      --data-binary "@$REPO/samples/photo.dng" "$url/thumbnail?width=128&height=128" ;;
    jxl) curl -sf -o /dev/null -w '%{time_total}\n' -H 'Content-Type: image/jxl' \
      --data-binary "@$REPO/samples/photo.jxl" "$url/thumbnail?width=128&height=128" ;;
    to-jxl) curl -sf -o /dev/null -w '%{time_total}\n' -H 'Content-Type: image/png' \
      --data-binary "@$REPO/samples/alpha.png" "$url/convert?format=jxl&quality=85" ;;
  esac
}

time_direct() { # NAME: one line per run, seconds
  local i start
  for ((i = 0; i < COUNT; i++)); do
    start=$(now)
    direct_once "$1" >/dev/null 2>&1
    awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.4f\n", b - a }'
  done
}

main() {
  fresh_dir "$OUT"
  rm -rf "${REPO:?}/$DATA"
  start_service "$SERVICE_LOG" --port "$PORT" --data "$DATA"
  local name i
  common_facts
  echo "Requests: $COUNT per row, one at a time, after $WARMUP warm-up requests; medians."
  echo
  echo "| input → output | Darkroom p50 (ms) | direct p50 (ms) | Darkroom / direct |"
  echo "|---|---:|---:|---:|"
  for name in svg dng jxl to-jxl; do
    for ((i = 0; i < WARMUP; i++)); do darkroom_once "$name" >/dev/null; done
    local dr direct
    dr=$(for ((i = 0; i < COUNT; i++)); do darkroom_once "$name"; done | median_ms)
    direct=$(time_direct "$name" | grep . | median_ms)
    awk -v n="$name" -v a="$dr" -v b="$direct" 'BEGIN {
      split("svg:drawing.svg (360×270) → 128 px PNG,dng:photo.dng (256×160) → 128 px JPEG,jxl:photo.jxl (336×224) → 128 px PNG,to-jxl:alpha.png (400×300) → JPEG XL q85", rows, ",")
      for (r in rows) { split(rows[r], kv, ":"); label[kv[1]] = kv[2] }
      printf "| %s | %.1f | %.1f | %.2f |\n", label[n], a, b, a / b }'
  done
}

main "$@"
