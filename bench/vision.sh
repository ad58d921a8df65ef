#!/usr/bin/env bash
# Vision benchmark (a benchmark, not a test). Always: the Java generation loop's time per token beyond
# ONNX Runtime's graph time, on the committed tiny bundle whose "bench" caption never ends (target: under
# 0.5 ms per token, not growing with the sequence), and the KV cache append at the real 0.5B and 2B sizes.
# With --model: caption latency on a real bundle (image
# encoding, time to first token, tokens per second), to compare with published figures. With --memory N:
# the service's resident memory over N caption requests on the tiny bundle, every image encoded afresh.
# Prefer `./darkroom bench vision`: it checks prerequisites and builds before this runs.
# Usage: bench/vision.sh [--model FILE [--model-sha256 HEX]] [--image FILE] [--runs N] [--tokens N]
#                        [--memory N] [--port P]
set -euo pipefail

# REPO, WORK, CONVERT, log, die, master_image…
# shellcheck source-path=SCRIPTDIR source=lib.sh disable=SC1091 # followed with shellcheck -x
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"

readonly TINY="$REPO/src/test/resources/moondream/tiny-bench.mf.gz"
readonly TINY_SERVICE="$REPO/src/test/resources/moondream/tiny.mf"
readonly MEMORY_SLICES=5
MODEL=''
MODEL_SHA256=''
IMAGE=''
RUNS=5
TOKENS=1300
MEMORY_REQUESTS=0
PORT=18090

usage() {
  sed -n 's/^# \{0,1\}//; 2,10p' "${BASH_SOURCE[0]}"
}

parse_args() {
  while (($# > 0)); do
    case $1 in
      --model) MODEL=${2:?--model takes a file} && shift 2 ;;
      --model-sha256) MODEL_SHA256=${2:?--model-sha256 takes a hex digest} && shift 2 ;;
      --image) IMAGE=${2:?--image takes a file} && shift 2 ;;
      --runs) RUNS=${2:?--runs takes a number} && shift 2 ;;
      --tokens) TOKENS=${2:?--tokens takes a number} && shift 2 ;;
      --memory) MEMORY_REQUESTS=${2:?--memory takes a number of requests} && shift 2 ;;
      --port) PORT=${2:?--port takes a number} && shift 2 ;;
      -h | --help) usage && exit 0 ;;
      *) usage >&2 && die "unknown argument: $1" ;;
    esac
  done
}

# The launcher's JVM settings: ONNX Runtime needs a bigger thread stack than the default. The benchmarks
# are compiled with the tests (every build compiles them, -DskipTests too) and are not in the jar.
java_run() {
  java -Xss8m -Ddarkroom.home="$REPO" -cp "$REPO/target/test-classes:$REPO/target/darkroom.jar" "$@"
}

rss_mib() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# The service on the tiny bundle with no image cache, so every request decodes, encodes and generates.
memory_run() {
  local sha images=() slice per_slice i code failures=0
  sha="$(awk '$2 == "tiny.mf" { print $1 }' "$REPO/src/test/resources/moondream/tiny.mf.sha256")"
  fresh_dir "$WORK/vision-data"
  trap stop_service EXIT
  start_service "$WORK/darkroom-vision.log" --data "$WORK/vision-data" --port "$PORT" \
    --model "$TINY_SERVICE" --model-sha256 "$sha" --set darkroom.vision.cached-images=0
  images=("$REPO/samples/photo.jpg" "$REPO/samples/alpha.png" "$REPO/samples/photo.webp" "$(master_image png-small)")
  per_slice=$((MEMORY_REQUESTS / MEMORY_SLICES))
  echo
  echo "## Resident memory over $MEMORY_REQUESTS caption requests (tiny bundle, no image cache)"
  echo "| requests | RSS (MiB) |"
  echo "|---|---|"
  echo "| 0 | $(rss_mib "$SERVICE_PID") |"
  for ((slice = 1; slice <= MEMORY_SLICES; slice++)); do
    for ((i = 0; i < per_slice; i++)); do
      code="$(curl -sS -o /dev/null -w '%{http_code}' --data-binary "@${images[i % ${#images[@]}]}" \
        "http://127.0.0.1:$PORT/v1/flows/caption")"
      [[ $code == 200 ]] || failures=$((failures + 1))
    done
    echo "| $((slice * per_slice)) | $(rss_mib "$SERVICE_PID") |"
  done
  echo "Requests not answered 200: $failures"
  stop_service
}

main() {
  parse_args "$@"
  [[ -s $REPO/target/darkroom.jar ]] || die "build first: ./darkroom bench vision does"
  echo "## Java overhead per token (tiny bundle, $RUNS runs x $TOKENS tokens)"
  java_run org.darkroom.vision.generate.TokenOverheadBenchmark "$TINY" "$RUNS" "$TOKENS"
  echo
  echo "## KV cache append per token at the real models' sizes (no model needed)"
  java_run org.darkroom.vision.bench.KvAppendBenchmark 16
  java_run org.darkroom.vision.bench.KvAppendBenchmark 32
  if [[ -n $MODEL ]]; then
    local image=${IMAGE:-}
    if [[ -z $image ]]; then
      image="$(master_image jpeg12mp)"
    fi
    echo
    echo "## Caption latency ($(basename "$MODEL"), $(identify -format '%wx%h' "${image}[0]") image)"
    local args=("$MODEL" "$image" 3)
    [[ -z $MODEL_SHA256 ]] || args+=("$MODEL_SHA256")
    java_run org.darkroom.vision.bench.CaptionBenchmark "${args[@]}"
  fi
  if ((MEMORY_REQUESTS > 0)); then
    memory_run
  fi
}

main "$@"
