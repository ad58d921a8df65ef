#!/usr/bin/env bash
# Drop-folder benchmark (a benchmark, not a test): how fast Darkroom's thumbnail drop folder turns
# images around, next to the same ImageMagick command run straight from a shell and next to
# vipsthumbnail. All three get two parallel workers, one per core of the machine we target.
# Prefer `./darkroom bench`: it checks prerequisites and builds before this runs.
# Usage: bench/drop-folder.sh [--set jpeg12mp|png-small|all] [--count N] [--no-darkroom]
set -euo pipefail

# REPO, WORK, CONVERT, EXT, log, die, now, master_image, fresh_dir, start_service, stop_service…
# shellcheck source-path=SCRIPTDIR source=lib.sh disable=SC1091 # followed with shellcheck -x
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"

readonly PARALLEL=2

declare -A DEFAULT_COUNT=([jpeg12mp]=200 [png-small]=1000)
declare -A COUNT=() SHELL_S=() VIPS_S=() DARKROOM_S=() DARKROOM_FAILED=()
SETS=()
COUNT_OVERRIDE=''
RUN_DARKROOM=true

usage() {
  sed -n 's/^# \{0,1\}//; 2,6p' "${BASH_SOURCE[0]}"
}

parse_args() {
  local set=all
  while (($# > 0)); do
    case $1 in
      --set) set=${2:?--set needs jpeg12mp, png-small or all}; shift 2 ;;
      --count) COUNT_OVERRIDE=${2:?--count needs a number}; shift 2 ;;
      --no-darkroom) RUN_DARKROOM=false; shift ;;
      -h | --help) usage; exit 0 ;;
      *) usage >&2; exit 2 ;;
    esac
  done
  case $set in
    all) SETS=(jpeg12mp png-small) ;;
    jpeg12mp | png-small) SETS=("$set") ;;
    *) die "unknown set '$set' (jpeg12mp, png-small or all)" ;;
  esac
  [[ -z $COUNT_OVERRIDE || $COUNT_OVERRIDE =~ ^[1-9][0-9]*$ ]] || die "--count needs a positive number"
}

# ---- a. inputs --------------------------------------------------------------------------------

# One synthetic image per set (master_image, in lib.sh), copied under many names: generating 200
# 12 MP plasmas would take longer than the benchmark, and identical content makes every file cost the same.
input_path() { printf '%s/inputs/%s/img-%04d.%s' "$WORK" "$1" "$2" "${EXT[$1]}"; }

# Kept between runs; only missing copies are made.
ensure_inputs() {
  local set=$1 count=$2 master i path
  master="$(master_image "$set")"
  mkdir -p "$WORK/inputs/$set"
  for ((i = 1; i <= count; i++)); do
    path="$(input_path "$set" "$i")"
    [[ -s $path ]] || cp "$master" "$path"
  done
}

# The first COUNT inputs of a set, one path per line (the folder may hold more from a bigger run).
list_inputs() {
  local set=$1 count=$2 i
  for ((i = 1; i <= count; i++)); do input_path "$set" "$i"; echo; done
}

# Read the inputs once before a timed pass so none of the three pays for disk reads the others skip.
warm_cache() {
  list_inputs "$1" "$2" | xargs cat >/dev/null
}

count_files() { # DIR PATTERN: regular files under DIR named PATTERN (0 when DIR is missing)
  [[ -d $1 ]] || { echo 0; return; }
  find "$1" -type f -name "$2" | wc -l
}

# ---- b. shell baseline: the command Darkroom runs, with the same policy and a clean environment ----

# Run by `sh -c` once per file; $1 is the input, BENCH_OUT and BENCH_POLICY come from the environment.
# shellcheck disable=SC2016 # expanded later by that sh, not here
readonly SHELL_JPEG='n=${1##*/}; exec env -i PATH=/usr/bin:/bin MAGICK_CONFIGURE_PATH="$BENCH_POLICY" /usr/bin/convert -regard-warnings -limit thread 1 -define jpeg:size=512x512 "jpeg:$1[0]" -auto-orient -thumbnail "256x256>" -strip -quality 85 "jpeg:$BENCH_OUT/${n%.*}.jpg"'
# shellcheck disable=SC2016
readonly SHELL_PNG='n=${1##*/}; exec env -i PATH=/usr/bin:/bin MAGICK_CONFIGURE_PATH="$BENCH_POLICY" /usr/bin/convert -regard-warnings -limit thread 1 "png:$1[0]" -auto-orient -thumbnail "256x256>" -strip "png:$BENCH_OUT/${n%.*}.png"'

# Sets SHELL_S[SET]. Like the other timers it runs in the main shell, not in $(...), so that
# globals stick and the EXIT trap sees any service it started.
time_shell() {
  local set=$1 count=$2 out="$WORK/out/shell/$1" script=$SHELL_JPEG t0 t1 made
  [[ $set == png-small ]] && script=$SHELL_PNG
  fresh_dir "$out"
  warm_cache "$set" "$count"
  t0="$(now)"
  list_inputs "$set" "$count" |
    BENCH_OUT="$out" BENCH_POLICY="$REPO/policy" xargs -P "$PARALLEL" -n 1 sh -c "$script" sh ||
    log "shell: some conversions failed"
  t1="$(now)"
  made="$(count_files "$out" "*.${EXT[$set]}")"
  ((made == count)) || log "shell: made $made of $count thumbnails"
  SHELL_S[$set]="$(seconds_between "$t0" "$t1")"
}

# ---- c. reference: vipsthumbnail, one process per file like the shell baseline ----

# Sets VIPS_S[SET]. VIPS_CONCURRENCY=1 matches ImageMagick's `-limit thread 1`: parallelism comes from xargs only.
time_vips() {
  local set=$1 count=$2 out="$WORK/out/vips/$1" target t0 t1 made
  target="$out/%s.jpg[Q=85,strip]"
  [[ $set == png-small ]] && target="$out/%s.png[strip]"
  fresh_dir "$out"
  warm_cache "$set" "$count"
  t0="$(now)"
  list_inputs "$set" "$count" |
    VIPS_CONCURRENCY=1 xargs -P "$PARALLEL" -n 1 vipsthumbnail -s 256x256 -o "$target" ||
    log "vipsthumbnail: some conversions failed"
  t1="$(now)"
  made="$(count_files "$out" "*.${EXT[$set]}")"
  ((made == count)) || log "vipsthumbnail: made $made of $count thumbnails"
  VIPS_S[$set]="$(seconds_between "$t0" "$t1")"
}

# ---- d. Darkroom: the thumbnail drop folder of a running service ----

trap stop_service EXIT
trap 'exit 130' INT TERM

# Only names with the input's extension count, so sidecar files next to failures are ignored.
processed_count() {
  local set=$1 data="$WORK/data"
  echo $(($(count_files "$data/archive/thumbnail" "*.${EXT[$set]}") + $(count_files "$data/failed/thumbnail" "*.${EXT[$set]}")))
}

# Sets DARKROOM_S[SET] and DARKROOM_FAILED[SET]. The clock covers handing the files over until the last one is archived
# or failed; copying into the staging folder happens before it starts.
time_darkroom() {
  local set=$1 count=$2 data="$WORK/data" staging="$WORK/staging" t0 t1 deadline
  rm -rf "$data"
  fresh_dir "$staging"
  # Copying also leaves the staged files in the page cache, as warm_cache does for the others.
  list_inputs "$set" "$count" | xargs cp -t "$staging"
  # Relative --data on purpose: exercises the launcher passing the start directory to Java.
  start_service "$WORK/darkroom.log" --data bench-work/data
  mkdir -p "$data/inbox/thumbnail"
  deadline=$((SECONDS + 60 + count))
  t0="$(now)"
  # Staging shares the filesystem with the inbox, so each mv is a rename: no half-written files.
  find "$staging" -type f -exec mv -t "$data/inbox/thumbnail" {} +
  until (($(processed_count "$set") >= count)); do
    ((SECONDS < deadline)) || die "Darkroom processed $(processed_count "$set") of $count within $((60 + count)) s (log: $WORK/darkroom.log)"
    sleep 0.05
  done
  t1="$(now)"
  stop_service
  DARKROOM_S[$set]="$(seconds_between "$t0" "$t1")"
  DARKROOM_FAILED[$set]="$(count_files "$data/failed/thumbnail" "*.${EXT[$set]}")"
  ((DARKROOM_FAILED[$set] == 0)) || log "Darkroom: ${DARKROOM_FAILED[$set]} of $count failed (see $data/failed/thumbnail)"
  rm -rf "$data" "$staging"
}

# ---- e. report -------------------------------------------------------------------------------

rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.1f", n / s; else print "–" }'; }

machine_facts() {
  common_facts
  echo "vips: $(vipsthumbnail --vips-version 2>/dev/null || echo 'not installed')  "
  echo "Workers: $PARALLEL parallel processes (xargs -P$PARALLEL; ImageMagick -limit thread 1; VIPS_CONCURRENCY=1)"
  echo
}

report_row() {
  local set=$1 n=${COUNT[$1]} sh=${SHELL_S[$1]} vi=${VIPS_S[$1]} dr=${DARKROOM_S[$1]:-} dr_cells='– | –' ratio='–'
  if [[ -n $dr ]]; then
    dr_cells="$dr | $(rate "$n" "$dr")"
    ((${DARKROOM_FAILED[$set]} == 0)) || dr_cells="$dr_cells (${DARKROOM_FAILED[$set]} failed)"
    ratio="$(awk -v a="$sh" -v b="$dr" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * a / b; else print "–" }')"
  fi
  echo "| $set | $n | $sh | $(rate "$n" "$sh") | $vi | $(rate "$n" "$vi") | $dr_cells | $ratio |"
}

report() {
  machine_facts
  echo "| set | files | shell xargs -P2 (s) | shell img/s | vipsthumbnail -P2 (s) | vips img/s | Darkroom (s) | Darkroom img/s | Darkroom/shell throughput |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  local set
  for set in "${SETS[@]}"; do report_row "$set"; done
}

main() {
  parse_args "$@"
  cd "$REPO"
  command -v vipsthumbnail >/dev/null || die "needs vipsthumbnail: sudo apt-get install libvips-tools"
  [[ -x $CONVERT ]] || die "needs ImageMagick at $CONVERT: sudo apt-get install imagemagick"
  local set count
  for set in "${SETS[@]}"; do
    count=${COUNT_OVERRIDE:-${DEFAULT_COUNT[$set]}}
    COUNT[$set]=$count
    ensure_inputs "$set" "$count"
    log "$set: shell xargs -P$PARALLEL over $count files…"
    time_shell "$set" "$count"
    log "$set: vipsthumbnail over $count files…"
    time_vips "$set" "$count"
    if $RUN_DARKROOM; then
      log "$set: Darkroom drop folder over $count files…"
      time_darkroom "$set" "$count"
    fi
  done
  report
}

main "$@"
