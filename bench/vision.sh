#!/usr/bin/env bash
# Vision benchmark (a benchmark, not a test). Always: the Java generation loop's time per token beyond
# ONNX Runtime's graph time, on the committed tiny bundle whose "bench" caption never ends (target: under
# 0.5 ms per token, not growing with the sequence). With --model: caption latency on a real bundle (image
# encoding, time to first token, tokens per second), to compare with published figures.
# Prefer `./darkroom bench vision`: it checks prerequisites and builds before this runs.
# Usage: bench/vision.sh [--model FILE [--model-sha256 HEX]] [--image FILE] [--runs N] [--tokens N]
set -euo pipefail

# REPO, WORK, CONVERT, log, die, master_image…
# shellcheck source-path=SCRIPTDIR source=lib.sh disable=SC1091 # followed with shellcheck -x
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"

readonly TINY="$REPO/src/test/resources/moondream/tiny-bench.mf.gz"
MODEL=''
MODEL_SHA256=''
IMAGE=''
RUNS=5
TOKENS=1300

usage() {
  sed -n 's/^# \{0,1\}//; 2,7p' "${BASH_SOURCE[0]}"
}

parse_args() {
  while (($# > 0)); do
    case $1 in
      --model) MODEL=${2:?--model takes a file} && shift 2 ;;
      --model-sha256) MODEL_SHA256=${2:?--model-sha256 takes a hex digest} && shift 2 ;;
      --image) IMAGE=${2:?--image takes a file} && shift 2 ;;
      --runs) RUNS=${2:?--runs takes a number} && shift 2 ;;
      --tokens) TOKENS=${2:?--tokens takes a number} && shift 2 ;;
      -h | --help) usage && exit 0 ;;
      *) usage >&2 && die "unknown argument: $1" ;;
    esac
  done
}

# The launcher's JVM settings: ONNX Runtime needs a bigger thread stack than the default.
java_run() {
  java -Xss8m -Ddarkroom.home="$REPO" -cp "$REPO/target/darkroom.jar" "$@"
}

main() {
  parse_args "$@"
  [[ -s $REPO/target/darkroom.jar ]] || die "build first: ./darkroom bench vision does"
  echo "## Java overhead per token (tiny bundle, $RUNS runs x $TOKENS tokens)"
  java_run org.darkroom.vision.generate.TokenOverheadBenchmark "$TINY" "$RUNS" "$TOKENS"
  if [[ -n $MODEL ]]; then
    local image=${IMAGE:-}
    if [[ -z $image ]]; then
      image="$(master_image jpeg12mp)"
    fi
    echo
    echo "## Caption latency ($(basename "$MODEL"), $(identify -format '%wx%h' "$image[0]") image)"
    local args=("$MODEL" "$image" 3)
    [[ -z $MODEL_SHA256 ]] || args+=("$MODEL_SHA256")
    java_run org.darkroom.vision.bench.CaptionBenchmark "${args[@]}"
  fi
}

main "$@"
