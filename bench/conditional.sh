#!/usr/bin/env bash
# Conditional GET benchmark (a benchmark, not a test): what a cache in front of Darkroom saves. A 256 px
# thumbnail of a 640×427 JPEG through the signed GET form (fetched from a local origin), the same GET answered
# 304 because If-None-Match holds its ETag, and the same image POSTed, next to the same ImageMagick command run
# from a shell. One request at a time, so the figures are latencies.
# Prefer `./darkroom bench conditional`: it checks prerequisites and builds before this runs.
# Usage: bench/conditional.sh [--count N] [--port P]
set -euo pipefail

# REPO, WORK, CONVERT, log, die, now, median_ms, fresh_dir, start_service, stop_service, common_facts…
# shellcheck source-path=SCRIPTDIR source=lib.sh disable=SC1091 # followed with shellcheck -x
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"

readonly OUT="$WORK/conditional"
readonly SERVICE_LOG="$WORK/darkroom-conditional.log"
readonly DATA=bench-work/conditional-data
readonly KEY=bench-signing-key-0123456789abcdefghijklmnop
readonly WARMUP=5
COUNT=50
PORT=18082
ORIGIN_PORT=18083
ORIGIN_PID=''

while (($# > 0)); do
  case $1 in
    --count) COUNT=$2; shift 2 ;;
    --port) PORT=$2; ORIGIN_PORT=$((PORT + 1)); shift 2 ;;
    *) sed -n 's/^# \{0,1\}//; 2,7p' "${BASH_SOURCE[0]}" >&2; exit 2 ;;
  esac
done

stop_all() {
  stop_service
  [[ -z $ORIGIN_PID ]] || kill "$ORIGIN_PID" 2>/dev/null || true
}
trap stop_all EXIT

# The command Darkroom runs for this thumbnail, from a shell.
direct_once() {
  "$CONVERT" -regard-warnings -limit thread 1 "jpeg:$REPO/samples/plain.jpg[0]" -auto-orient \
    -thumbnail '256x256>' -strip -quality 85 "jpeg:$OUT/direct.jpg"
}

main() {
  fresh_dir "$OUT"
  rm -rf "${REPO:?}/$DATA"
  (cd "$REPO/samples" && exec python3 -m http.server --bind 127.0.0.1 "$ORIGIN_PORT") >"$OUT/origin.log" 2>&1 &
  ORIGIN_PID=$!
  start_service "$SERVICE_LOG" --port "$PORT" --data "$DATA" --set "darkroom.http.signing-keys=$KEY" \
    --set darkroom.fetch.allow-http=true --set darkroom.fetch.allow-private-addresses=true
  local target address tag i
  target="/v1/flows/thumbnail?url=http%3A%2F%2F127.0.0.1%3A$ORIGIN_PORT%2Fplain.jpg"
  address="http://127.0.0.1:$PORT$(DARKROOM_SIGNING_KEY=$KEY "$REPO/darkroom" sign "$target")"
  tag=$(curl -sf -o /dev/null -D - "$address" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
  [[ -n $tag ]] || die "the signed GET gave no ETag (log: $SERVICE_LOG)"
  for ((i = 0; i < WARMUP; i++)); do
    curl -sf -o /dev/null "$address"
    curl -s -o /dev/null -H "If-None-Match: $tag" "$address"
    direct_once
  done
  local get not_modified post direct
  get=$(for ((i = 0; i < COUNT; i++)); do curl -sf -o /dev/null -w '%{time_total}\n' "$address"; done | median_ms)
  not_modified=$(for ((i = 0; i < COUNT; i++)); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "If-None-Match: $tag" "$address"
  done | awk '$1 != 304 { exit 1 } { print $2 }' | median_ms) || die "a conditional GET was not answered 304"
  post=$(for ((i = 0; i < COUNT; i++)); do
    curl -sf -o /dev/null -w '%{time_total}\n' -H 'Content-Type: image/jpeg' \
      --data-binary "@$REPO/samples/plain.jpg" "http://127.0.0.1:$PORT/v1/flows/thumbnail"
  done | median_ms)
  direct=$(for ((i = 0; i < COUNT; i++)); do
    start=$(now); direct_once; awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.4f\n", b - a }'
  done | median_ms)
  common_facts
  echo "Requests: $COUNT per row, one at a time, after $WARMUP warm-up rounds; medians."
  echo
  echo "| request | p50 (ms) | / ImageMagick from a shell |"
  echo "|---|---:|---:|"
  awk -v g="$get" -v n="$not_modified" -v p="$post" -v d="$direct" 'BEGIN {
    printf "| signed GET (fetch from a local origin + thumbnail) | %.1f | %.2f |\n", g, g / d
    printf "| the same GET with If-None-Match → 304 | %.1f | %.2f |\n", n, n / d
    printf "| POST of the same image | %.1f | %.2f |\n", p, p / d
    printf "| ImageMagick from a shell | %.1f | 1.00 |\n", d }'
}

main "$@"
