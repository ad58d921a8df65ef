#!/usr/bin/env bash
# Drop-folder benchmark (a benchmark, not a test): how fast Darkroom's thumbnail drop folder turns
# images around, next to the same ImageMagick command run straight from a shell and next to
# vipsthumbnail. All three get two parallel workers, one per core of the machine we target.
# Prefer `./darkroom bench`: it checks prerequisites and builds before this runs.
# Usage: bench/drop-folder.sh [--set jpeg12mp|png-small|all] [--count N] [--runs N] [--busy] [--no-darkroom]
#   --runs N  runs the columns N times, interleaved (shell, vips, Darkroom, shell, …); prints medians (min–max)
#   --busy    runs every column beside a CPU hog on one core, which the script starts and always stops
set -euo pipefail

# REPO, WORK, CONVERT, EXT, log, die, now, master_image, fresh_dir, cpu_seconds, start_service, stop_service…
# shellcheck source-path=SCRIPTDIR source=lib.sh disable=SC1091 # followed with shellcheck -x
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"

readonly PARALLEL=2

declare -A DEFAULT_COUNT=([jpeg12mp]=200 [png-small]=1000)
readonly COLUMNS=(shell vips darkroom)
declare -A COLUMN_NAME=([shell]="shell xargs -P$PARALLEL" [vips]="vipsthumbnail -P$PARALLEL" [darkroom]=Darkroom)
# Per set and column, one value per run in run order, space-separated: SECONDS_RUN["png-small shell"]="24.1 24.5".
# Runs stay paired by position, so each ratio compares columns of the same pass.
declare -A COUNT=() SECONDS_RUN=() CPU_RUN=() JVM_CPU_RUN=() FAILED=()
SETS=()
COUNT_OVERRIDE=''
RUNS=1
BUSY=false
RUN_DARKROOM=true

usage() {
  sed -n 's/^# \{0,1\}//; 2,8p' "${BASH_SOURCE[0]}"
}

parse_args() {
  local set=all
  while (($# > 0)); do
    case $1 in
      --set) set=${2:?--set needs jpeg12mp, png-small or all}; shift 2 ;;
      --count) COUNT_OVERRIDE=${2:?--count needs a number}; shift 2 ;;
      --runs) RUNS=${2:?--runs needs a number}; shift 2 ;;
      --busy) BUSY=true; shift ;;
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
  [[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "--runs needs a positive number"
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

# record SET COLUMN SECONDS CPU_SECONDS [FAILED JVM_CPU_SECONDS]: appends one pass's figures to the
# column's runs.
record() {
  local key="$1 $2"
  SECONDS_RUN[$key]+="${SECONDS_RUN[$key]:+ }$3"
  CPU_RUN[$key]+="${CPU_RUN[$key]:+ }$4"
  FAILED[$key]=$((${FAILED[$key]:-0} + ${5:-0}))
  [[ -z ${6:-} ]] || JVM_CPU_RUN[$key]+="${JVM_CPU_RUN[$key]:+ }$6"
}

# time_xargs COLUMN SET COUNT OUT COMMAND...: one pass of a one-process-per-file column; COMMAND
# reads the input paths on stdin (an xargs). The CPU is that command's whole process tree: GNU time
# reports the rusage of xargs, which holds its own time and that of every child it waited for.
# Like the other timers it runs in the main shell, not in $(...), so that globals stick and the
# EXIT trap sees what it started.
time_xargs() {
  local column=$1 set=$2 count=$3 out=$4 cpu_file="$WORK/out/$1.cpu" t0 t1 made
  shift 4
  fresh_dir "$out"
  warm_cache "$set" "$count"
  t0="$(now)"
  list_inputs "$set" "$count" | /usr/bin/time -o "$cpu_file" -f '%U %S' "$@" ||
    log "${COLUMN_NAME[$column]}: some conversions failed"
  t1="$(now)"
  made="$(count_files "$out" "*.${EXT[$set]}")"
  ((made == count)) || log "${COLUMN_NAME[$column]}: made $made of $count thumbnails"
  # The last line: when the command fails, GNU time writes a status line before the times.
  record "$set" "$column" "$(seconds_between "$t0" "$t1")" "$(tail -n 1 "$cpu_file" | awk '{ printf "%.3f", $1 + $2 }')"
}

time_shell() {
  local set=$1 count=$2 out="$WORK/out/shell/$1" script=$SHELL_JPEG
  [[ $set == png-small ]] && script=$SHELL_PNG
  time_xargs shell "$set" "$count" "$out" env BENCH_OUT="$out" BENCH_POLICY="$REPO/policy" \
    xargs -P "$PARALLEL" -n 1 sh -c "$script" sh
}

# ---- c. reference: vipsthumbnail, one process per file like the shell baseline ----

# VIPS_CONCURRENCY=1 matches ImageMagick's `-limit thread 1`: parallelism comes from xargs only.
time_vips() {
  local set=$1 count=$2 out="$WORK/out/vips/$1" target
  target="$out/%s.jpg[Q=85,strip]"
  [[ $set == png-small ]] && target="$out/%s.png[strip]"
  time_xargs vips "$set" "$count" "$out" env VIPS_CONCURRENCY=1 \
    xargs -P "$PARALLEL" -n 1 vipsthumbnail -s 256x256 -o "$target"
}

# ---- d. Darkroom: the thumbnail drop folder of a running service ----

# Only names with the input's extension count, so sidecar files next to failures are ignored.
# Sets PROCESSED to the inputs now in archive/ or failed/, with bash's own globbing: the poll runs beside the
# service under test, and each process it started would cost that service CPU (a fork and exec of find or ls
# costs about 35 ms of CPU on these machines, measured: polling that way every 50 ms took most of a core).
count_processed() {
  local set=$1 data="$WORK/data" archived failed
  shopt -s nullglob
  archived=("$data/archive/thumbnail/"*."${EXT[$set]}")
  failed=("$data/failed/thumbnail/"*."${EXT[$set]}")
  shopt -u nullglob
  PROCESSED=$((${#archived[@]} + ${#failed[@]}))
}


difference() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# Prints "ALL SELF": the JVM's CPU seconds with its reaped ImageMagick processes, and its own alone.
# The launcher execs Java, so the service's pid is the JVM's; checked, since CPU read from any other
# process would be silently wrong.
service_cpu_seconds() {
  [[ $(cat "/proc/$SERVICE_PID/comm" 2>/dev/null) == java ]] ||
    die "process $SERVICE_PID is not the service's JVM, so its CPU cannot be read there"
  echo "$(cpu_seconds "$SERVICE_PID") $(cpu_seconds "$SERVICE_PID" self)"
}

# The clock covers handing the files over until the last one is archived or failed; copying into
# the staging folder happens before it starts. The CPU is the JVM's own (all its threads) plus that of
# the ImageMagick processes it reaped in between, read from /proc at both ends of the same interval.
time_darkroom() {
  local set=$1 count=$2 data="$WORK/data" staging="$WORK/staging" t0 t1 cpu0 cpu1 all0 all1 self0 self1 deadline failed
  rm -rf "$data"
  fresh_dir "$staging"
  # Copying also leaves the staged files in the page cache, as warm_cache does for the others.
  list_inputs "$set" "$count" | xargs cp -t "$staging"
  # Relative --data on purpose: exercises the launcher passing the start directory to Java.
  start_service "$WORK/darkroom.log" --data bench-work/data
  mkdir -p "$data/inbox/thumbnail"
  deadline=$((SECONDS + 60 + count))
  cpu0="$(service_cpu_seconds)"
  t0="$(now)"
  # Staging shares the filesystem with the inbox, so each mv is a rename: no half-written files.
  find "$staging" -type f -exec mv -t "$data/inbox/thumbnail" {} +
  count_processed "$set"
  until ((PROCESSED >= count)); do
    ((SECONDS < deadline)) || die "Darkroom processed $PROCESSED of $count within $((60 + count)) s (log: $WORK/darkroom.log)"
    pause 0.1
    count_processed "$set"
  done
  t1="$(now)"
  cpu1="$(service_cpu_seconds)"
  stop_service
  failed="$(count_files "$data/failed/thumbnail" "*.${EXT[$set]}")"
  ((failed == 0)) || log "Darkroom: $failed of $count failed (see $data/failed/thumbnail)"
  read -r all0 self0 <<<"$cpu0"
  read -r all1 self1 <<<"$cpu1"
  record "$set" darkroom "$(seconds_between "$t0" "$t1")" "$(difference "$all0" "$all1")" "$failed" "$(difference "$self0" "$self1")"
  rm -rf "$data" "$staging"
}

# ---- e. the busy machine: a CPU hog on one core -----------------------------------------------

HOG_PID=''
HOG_CPU=''
HOG_T0=''

# A shell busy loop pinned to one core (the second when there is one, as a neighbour's build would
# take). Every 100 000 turns it checks that this script still runs and ends when it does not, so
# not even a SIGKILL of the script, which no trap sees, leaves it behind.
start_hog() {
  HOG_CPU=$(($(nproc) > 1 ? 1 : 0))
  # shellcheck disable=SC2016 # expanded by the hog's sh
  taskset -c "$HOG_CPU" sh -c 'n=0; while :; do n=$((n + 1)); if [ "$n" -ge 100000 ]; then kill -0 "$1" 2>/dev/null || exit 0; n=0; fi; done' hog "$$" &
  HOG_PID=$!
  HOG_T0="$(now)"
}

# How much of its core the hog got, so the table shows the machine really was busy.
hog_share() {
  if [[ -z $HOG_PID ]] || ! kill -0 "$HOG_PID" 2>/dev/null; then
    echo '?'
    return
  fi
  awk -v cpu="$(cpu_seconds "$HOG_PID")" -v t0="$HOG_T0" -v t1="$(now)" 'BEGIN { printf "%.0f %%", 100 * cpu / (t1 - t0) }'
}

stop_hog() {
  [[ -n $HOG_PID ]] || return 0
  kill -TERM "$HOG_PID" 2>/dev/null || true
  wait "$HOG_PID" 2>/dev/null || true
  HOG_PID=''
}

cleanup() {
  stop_hog
  stop_service
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- f. report -------------------------------------------------------------------------------

# summary FORMAT VALUES: the median of the values (separated by blanks or newlines; the mean of the
# middle two for an even count), then their range when there is more than one: "19.6 (18.9–20.1)".
summary() {
  tr -s ' ' '\n' <<<"$2" | sed '/^$/d' | sort -g | awk -v f="$1" '
    { v[NR] = $1 }
    END {
      if (NR == 0) { print "–"; exit }
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf f, m
      if (NR > 1) { printf " ("; printf f, v[1]; printf "–"; printf f, v[NR]; printf ")" }
      print ""
    }'
}

# per_run KIND A [B]: one figure per run from the space-separated run lists A (and B, paired by
# position); N is the set's file count. KIND: rate (files per second of A), ms_per_image (of CPU
# seconds A) or percent (B over A: with A Darkroom's seconds, its throughput as a % of B's column).
per_run() {
  awk -v kind="$1" -v la="$2" -v lb="${3:-}" -v n="$N" 'BEGIN {
    k = split(la, a, " "); split(lb, b, " ")
    for (i = 1; i <= k; i++) {
      if (kind == "rate") print (a[i] > 0 ? n / a[i] : 0)
      else if (kind == "ms_per_image") print 1000 * a[i] / n
      else if (kind == "percent") print (a[i] > 0 ? 100 * b[i] / a[i] : 0)
    }
  }'
}

machine_facts() {
  common_facts
  echo "vips: $(vipsthumbnail --vips-version 2>/dev/null || echo 'not installed')  "
  echo "Workers: $PARALLEL parallel processes (xargs -P$PARALLEL; ImageMagick -limit thread 1; VIPS_CONCURRENCY=1)  "
  echo "Load average before the run: $LOAD_AT_START  "
  if $BUSY; then
    echo "Machine: **busy** — a CPU hog (a shell busy loop pinned to CPU $HOG_CPU by taskset) ran beside every column and got $(hog_share) of its core  "
  else
    echo "Machine: no load added by the benchmark  "
  fi
  local order='shell, vips, Darkroom'
  $RUN_DARKROOM || order='shell, vips'
  echo "Runs: $RUNS per column, interleaved ($order, shell, …); each figure is the median, (min–max) over the runs  "
  echo "CPU: user + system of the column's whole process tree over the timed interval, per image (shell, vips: xargs and its children; Darkroom: the JVM and the ImageMagick processes it reaped; the last column: the JVM's threads alone)"
  echo
}

# N, the set's file count, is read by per_run.
report_set() {
  local set=$1 column key seconds name jvm
  N=${COUNT[$set]}
  for column in "${COLUMNS[@]}"; do
    key="$set $column"
    seconds=${SECONDS_RUN[$key]:-}
    [[ -n $seconds ]] || continue
    name=${COLUMN_NAME[$column]}
    ((${FAILED[$key]:-0} == 0)) || name="$name (${FAILED[$key]} failed)"
    jvm='–'
    [[ -z ${JVM_CPU_RUN[$key]:-} ]] || jvm="$(summary '%.1f' "$(per_run ms_per_image "${JVM_CPU_RUN[$key]}")")"
    echo "| $set | $N | $name | $(summary '%.2f' "$seconds") | $(summary '%.1f' "$(per_run rate "$seconds")")" \
      "| $(summary '%.1f' "$(per_run ms_per_image "${CPU_RUN[$key]}")") | $jvm |"
  done
}

report_ratios() {
  local set=$1 darkroom shell vips
  N=${COUNT[$set]}
  darkroom=${SECONDS_RUN["$set darkroom"]:-}
  shell=${SECONDS_RUN["$set shell"]}
  vips=${SECONDS_RUN["$set vips"]}
  if [[ -z $darkroom ]]; then
    echo "| $set | – | – |"
    return
  fi
  # Throughput ratio = inverse time ratio: the other column's seconds over Darkroom's, run by run.
  echo "| $set | $(summary '%.0f' "$(per_run percent "$darkroom" "$shell")")" \
    "| $(summary '%.0f' "$(per_run percent "$darkroom" "$vips")") |"
}

report() {
  machine_facts
  echo "| set | files | column | seconds | img/s | CPU ms/img | of which the JVM's own |"
  echo "|---|---:|---|---:|---:|---:|---:|"
  local set
  for set in "${SETS[@]}"; do report_set "$set"; done
  echo
  echo "| set | Darkroom throughput as % of shell xargs -P$PARALLEL | Darkroom throughput as % of vipsthumbnail -P$PARALLEL |"
  echo "|---|---:|---:|"
  for set in "${SETS[@]}"; do report_ratios "$set"; done
}

main() {
  parse_args "$@"
  cd "$REPO"
  command -v vipsthumbnail >/dev/null || die "needs vipsthumbnail: sudo apt-get install libvips-tools"
  [[ -x $CONVERT ]] || die "needs ImageMagick at $CONVERT: sudo apt-get install imagemagick"
  [[ -x /usr/bin/time ]] || die "needs GNU time at /usr/bin/time for the CPU columns: sudo apt-get install time"
  local set count run
  for set in "${SETS[@]}"; do
    COUNT[$set]=${COUNT_OVERRIDE:-${DEFAULT_COUNT[$set]}}
    ensure_inputs "$set" "${COUNT[$set]}"
  done
  LOAD_AT_START="$(cut -d ' ' -f 1-3 /proc/loadavg)"
  if $BUSY; then
    command -v taskset >/dev/null || die "--busy needs taskset: sudo apt-get install util-linux"
    start_hog
    log "busy: CPU hog pid $HOG_PID pinned to CPU $HOG_CPU"
  fi
  for set in "${SETS[@]}"; do
    count=${COUNT[$set]}
    for ((run = 1; run <= RUNS; run++)); do
      log "$set, run $run of $RUNS: shell xargs -P$PARALLEL over $count files…"
      time_shell "$set" "$count"
      log "$set, run $run of $RUNS: vipsthumbnail over $count files…"
      time_vips "$set" "$count"
      if $RUN_DARKROOM; then
        log "$set, run $run of $RUNS: Darkroom drop folder over $count files…"
        time_darkroom "$set" "$count"
      fi
    done
  done
  report
  stop_hog
}

main "$@"
