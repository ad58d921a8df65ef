# Helpers shared by the benchmarks in bench/: sourced by them, never run on its own.
# It defines the paths, the synthetic inputs and starting and stopping the service; each benchmark
# keeps its own EXIT trap so that it is plain to see what runs when the benchmark ends.
# shellcheck shell=bash

REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)"
readonly REPO
readonly WORK="$REPO/bench-work"
# Always the real binary: a `convert` found on PATH may be a slow stand-in script.
readonly CONVERT=/usr/bin/convert
readonly READY_LINE='Darkroom is ready'
readonly READY_TIMEOUT_S=120

declare -A EXT=([jpeg12mp]=jpg [png-small]=png)
SERVICE_PID=''

log() { echo "bench: $*" >&2; }
die() {
  log "$*"
  exit 1
}
now() { date +%s.%N; }
# seconds between two `now` readings, two decimals
seconds_between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# cpu_seconds PID [all|self]: CPU seconds (user + system) of a process (all its threads) and of the
# children it has waited for, or of the process alone with `self`. When the JVM reaps an ImageMagick
# process, that process's time (and its own reaped children's) moves into the JVM's cutime/cstime.
# Fields are counted after the last ')', since the command name may hold spaces.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" -v what="${2:-all}" '{
    sub(/^.*\) /, "")
    printf "%.3f", ($12 + $13 + (what == "self" ? 0 : $14 + $15)) / hz
  }' "/proc/$1/stat"
}

# median of the numbers (seconds) on stdin, in milliseconds with one decimal
median_ms() { sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", 1000 * (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

fresh_dir() {
  rm -rf "$1"
  mkdir -p "$1"
}

# ---- inputs ------------------------------------------------------------------------------------

# One synthetic image per set; benchmarks copy it or send it as often as they need.
# Plasma, softened by a slight blur, plus mild sensor-like noise: a 12 MP JPEG at quality 90 comes
# out near 5.6 MB, like a camera's, so decode times are realistic. PNGs are 8-bit, like most.
master_image() {
  local set=$1 master="$WORK/masters/$1.${EXT[$1]}"
  if [[ ! -s $master ]]; then
    mkdir -p "$WORK/masters"
    log "making $master…"
    case $set in
      jpeg12mp) "$CONVERT" -seed 7 -size 4000x3000 plasma:fractal -blur 0x1 -attenuate 0.4 +noise Gaussian -quality 90 "jpg:$master.tmp" ;;
      png-small) "$CONVERT" -seed 7 -size 320x240 plasma:fractal -blur 0x1 -depth 8 "png:$master.tmp" ;;
    esac
    mv "$master.tmp" "$master"
  fi
  echo "$master"
}

# ---- the service -------------------------------------------------------------------------------

stop_service() {
  [[ -n $SERVICE_PID ]] || return 0
  if kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill -TERM "$SERVICE_PID" 2>/dev/null || true
    local waited=0
    while kill -0 "$SERVICE_PID" 2>/dev/null && ((waited < 300)); do sleep 0.1; waited=$((waited + 1)); done
    if kill -0 "$SERVICE_PID" 2>/dev/null; then
      log "Darkroom did not stop within 30 s of SIGTERM; killing it"
      kill -KILL "$SERVICE_PID" 2>/dev/null || true
    fi
  fi
  wait "$SERVICE_PID" 2>/dev/null || true
  SERVICE_PID=''
}

# start_service LOG [RUN ARGS...]: `./darkroom run RUN ARGS...` in the background, started from the
# repository (or from the checkout SERVICE_CHECKOUT names, to measure another version) with the real
# ImageMagick, output in LOG; returns once the service says it is ready.
# Sets SERVICE_PID. Call it in the main shell, not in $(...), so the EXIT trap sees the service.
start_service() {
  local log_file=$1
  shift
  (cd "${SERVICE_CHECKOUT:-$REPO}" && DARKROOM_MAGICK_BINARY="$CONVERT" exec ./darkroom run "$@") >"$log_file" 2>&1 &
  SERVICE_PID=$!
  local deadline=$((SECONDS + READY_TIMEOUT_S))
  until grep -q "$READY_LINE" "$log_file" 2>/dev/null; do
    if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
      tail -n 30 "$log_file" >&2
      SERVICE_PID=''
      die "Darkroom exited before it was ready (log: $log_file)"
    fi
    ((SECONDS < deadline)) || { tail -n 30 "$log_file" >&2; die "Darkroom not ready within ${READY_TIMEOUT_S} s (log: $log_file)"; }
    sleep 0.2
  done
}

# A pause without starting a process: a read that times out on a pipe nobody writes to. Benchmarks poll
# beside the service under test, and a fork and exec of sleep, find or ls costs about 35 ms of CPU here.
exec {PAUSE_FD}<> <(:)
pause() { read -r -t "$1" -u "$PAUSE_FD" _ || true; }

# ---- report ------------------------------------------------------------------------------------

# The first lines of every report: when, on what, with which ImageMagick.
common_facts() {
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC')  "
  echo "Machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)  "
  echo "ImageMagick: $("$CONVERT" -version | sed -n 's/^Version: //p')  "
}
