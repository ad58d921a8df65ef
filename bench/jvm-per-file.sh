#!/usr/bin/env bash
# The JVM's own CPU per dropped file once the service is warm, split by kind of thread: Camel's (the per-file
# work: intake, routing, records, file moves, running the shared ImageMagick processes), the JIT compilers, GC
# and the VM. Optionally the same for another checkout of Darkroom, interleaved, so two versions compare on
# one machine in one run. See bench/README.md.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"

usage() {
  echo "usage: ./darkroom bench jvm-per-file [--set png-small|jpeg12mp] [--warm N] [--files N] [--runs N] [--against DIR]"
}

SET=png-small
WARM=''
FILES=''
RUNS=1
AGAINST=''
declare -A DEFAULT_WARM=([png-small]=1000 [jpeg12mp]=300)
declare -A DEFAULT_FILES=([png-small]=500 [jpeg12mp]=150)

parse_args() {
  while (($# > 0)); do
    case $1 in
      --set) SET=$2 ;;
      --warm) WARM=$2 ;;
      --files) FILES=$2 ;;
      --runs) RUNS=$2 ;;
      --against) AGAINST="$(cd "$2" && pwd -P)" ;;
      -h | --help) usage; exit 0 ;;
      *) usage >&2; exit 2 ;;
    esac
    shift 2
  done
  [[ -n ${EXT[$SET]:-} ]] || die "unknown set $SET"
  WARM=${WARM:-${DEFAULT_WARM[$SET]}}
  FILES=${FILES:-${DEFAULT_FILES[$SET]}}
  [[ -z $AGAINST || -x $AGAINST/darkroom ]] || die "$AGAINST is not a Darkroom checkout"
}

# stage DIR PREFIX N: N copies of the set's master in DIR, written by a few tee processes (a process per copy
# would cost a fork and exec each, about 35 ms of CPU here).
stage() {
  local dir=$1 prefix=$2 n=$3 master from to names i
  master="$(master_image "$SET")"
  mkdir -p "$dir"
  for ((from = 1; from <= n; from += 500)); do
    to=$((from + 499 < n ? from + 499 : n))
    names=()
    for ((i = from; i <= to; i++)); do names+=("$(printf '%s/%s-%05d.%s' "$dir" "$prefix" "$i" "${EXT[$SET]}")"); done
    tee "${names[@]}" <"$master" >/dev/null
  done
}

# Waits until N inputs are archived, polling with bash's own globbing: a process started beside the service
# would take CPU from it.
await_archived() {
  local n=$1 archived
  shopt -s nullglob
  while :; do
    archived=("$PASS_DIR/data/archive/thumbnail/"*)
    ((${#archived[@]} >= n)) && break
    pause 0.05
  done
  shopt -u nullglob
}

# thread_ticks PID: one line per thread, "TID KIND TICKS", TICKS its user + system clock ticks so far.
thread_ticks() {
  local task line name kind fields
  for task in /proc/"$1"/task/*; do
    read -r line <"$task/stat" 2>/dev/null || continue
    read -r name <"$task/comm" 2>/dev/null || continue
    case $name in
      Camel*) kind=camel ;;
      C1\ Compiler* | C2\ Compiler*) kind=jit ;;
      GC\ Thread* | G1* | VM\ Thread | VM\ Periodic* | Service\ Thread | Monitor\ Defl*) kind=gc-vm ;;
      *) kind=other ;;
    esac
    read -r -a fields <<<"${line##*) }"
    echo "${task##*/} $kind $((fields[11] + fields[12]))"
  done
}

# One pass: a fresh service from CHECKOUT warmed with WARM files, then FILES more, measured. Sets PASS to
# "SECONDS JVM CAMEL JIT GC_VM OTHER CHILDREN", the last six in milliseconds per measured file. Runs in the main
# shell (not in $(...)), so the EXIT trap sees the service.
measure_pass() {
  local checkout=$1 hz before after t0 t1 j0 j1 c0 c1
  PASS_DIR="$WORK/jvm-per-file"
  fresh_dir "$PASS_DIR"
  stage "$PASS_DIR/warm" warm "$WARM"
  stage "$PASS_DIR/measured" measured "$FILES"
  # --magick as well as the environment: every version has the flag.
  SERVICE_CHECKOUT=$checkout start_service "$PASS_DIR/darkroom.log" --data "$PASS_DIR/data" --magick "$CONVERT"
  [[ $(cat "/proc/$SERVICE_PID/comm") == java ]] || die "process $SERVICE_PID is not the service's JVM"
  mkdir -p "$PASS_DIR/data/inbox/thumbnail"
  find "$PASS_DIR/warm" -type f -exec mv -t "$PASS_DIR/data/inbox/thumbnail" {} +
  await_archived "$WARM"
  sleep 2
  hz="$(getconf CLK_TCK)"
  before="$(thread_ticks "$SERVICE_PID")"
  j0="$(cpu_seconds "$SERVICE_PID" self)" c0="$(cpu_seconds "$SERVICE_PID")" t0="$(now)"
  find "$PASS_DIR/measured" -type f -exec mv -t "$PASS_DIR/data/inbox/thumbnail" {} +
  await_archived $((WARM + FILES))
  j1="$(cpu_seconds "$SERVICE_PID" self)" c1="$(cpu_seconds "$SERVICE_PID")" t1="$(now)"
  after="$(thread_ticks "$SERVICE_PID")"
  stop_service
  # Threads that ended during the pass are missing from the split; "other" is what the total has beyond it.
  PASS="$(awk -v files="$FILES" -v hz="$hz" -v secs="$(seconds_between "$t0" "$t1")" \
    -v jvm="$(awk -v a="$j0" -v b="$j1" 'BEGIN { print b - a }')" \
    -v all="$(awk -v a="$c0" -v b="$c1" 'BEGIN { print b - a }')" '
    NR == FNR { start[$1] = $3; next }
    { split_ms[$2] += ($3 - start[$1]) * 1000 / hz }
    END {
      per = 1000 / files
      known = split_ms["camel"] + split_ms["jit"] + split_ms["gc-vm"]
      printf "%s %.2f %.2f %.2f %.2f %.2f %.2f\n", secs, jvm * per, split_ms["camel"] / files,
        split_ms["jit"] / files, split_ms["gc-vm"] / files, (jvm * 1000 - known) / files, (all - jvm) * per
    }' <(echo "$before") <(echo "$after"))"
  rm -rf "$PASS_DIR"
}

cleanup() {
  stop_service
  rm -rf "$WORK/jvm-per-file"
}

main() {
  parse_args "$@"
  trap cleanup EXIT
  local checkouts=("$REPO") run checkout label secs jvm camel jit gcvm other kids
  [[ -z $AGAINST ]] || checkouts+=("$AGAINST")
  common_facts
  echo
  echo "Set \`$SET\`: $WARM files to warm a fresh service up, then $FILES measured. Milliseconds of CPU per measured file."
  echo
  echo "| checkout | run | seconds | JVM, all threads | · Camel's threads | · JIT | · GC and VM | · other | ImageMagick (children) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for ((run = 1; run <= RUNS; run++)); do
    for checkout in "${checkouts[@]}"; do
      label="$(git -C "$checkout" log -1 --format=%h 2>/dev/null || echo "$checkout")"
      log "run $run, $label: $WARM + $FILES files of $SET…"
      measure_pass "$checkout"
      read -r secs jvm camel jit gcvm other kids <<<"$PASS"
      echo "| $label | $run | $secs | $jvm | $camel | $jit | $gcvm | $other | $kids |"
    done
  done
}

main "$@"
