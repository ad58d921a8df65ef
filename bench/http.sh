#!/usr/bin/env bash
# HTTP benchmark (a benchmark, not a test): Darkroom's thumbnail flow over HTTP, loaded by wrk on the
# same machine at several concurrencies, next to the same ImageMagick command run straight from a
# shell at the same concurrencies; then the service's resident memory over a long run of small requests.
# Prefer `./darkroom bench http`: it checks prerequisites, installs wrk and builds before this runs.
# Usage: bench/http.sh [--set png-small|jpeg12mp|all] [--concurrency "2 4 8"] [--count N] [--duration S]
#                      [--memory-requests N] [--no-memory] [--port P]
set -euo pipefail

# REPO, WORK, CONVERT, EXT, log, die, now, master_image, fresh_dir, start_service, stop_service…
# shellcheck source-path=SCRIPTDIR source=lib.sh disable=SC1091 # followed with shellcheck -x
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"

readonly OUT="$WORK/http"
readonly LUA="$OUT/post-file.lua"
readonly SERVICE_LOG="$WORK/darkroom-http.log"
# Relative to the repository, where start_service starts the launcher.
readonly DATA=bench-work/http-data
# Well above the largest concurrency, so no request is answered 429 busy.
readonly MAX_IN_FLIGHT=64
readonly WARMUP_S=5
# Pause after each wrk run: requests it abandoned when its time was up are still being worked on.
readonly DRAIN_S=2
readonly MEMORY_CONCURRENCY=4
readonly MEMORY_SLICES=5

declare -A DEFAULT_COUNT=([png-small]=2000 [jpeg12mp]=200)
declare -A DEFAULT_DURATION=([png-small]=20 [jpeg12mp]=30)
declare -A CONTENT_TYPE=([png-small]=image/png [jpeg12mp]=image/jpeg)
declare -A DESCRIPTION=([png-small]='320×240 8-bit PNG' [jpeg12mp]='4000×3000 JPEG, quality 90')
# Results, keyed by "SET/C".
declare -A DR_RPS=() DR_P50=() DR_P99=() DR_REQUESTS=() DR_NON200=() DR_SOCKET_ERRORS=()
declare -A DI_RPS=() DI_P50=() DI_P99=() DI_FAILED=()
declare -A COUNT=() DURATION=()
SETS=()
CONCURRENCY=(2 4 8)
COUNT_OVERRIDE=''
DURATION_OVERRIDE=''
MEMORY_REQUESTS=10000
RUN_MEMORY=true
PORT=18080
URL=''
WRK_PID=''
WRK_LINE=''
SAMPLER_PID=''
MEM_START_KB=''
MEM_MAX_KB=''
MEM_MIN_KB=''
MEM_ROWS=()
LOAD_AT_START=''

usage() {
  sed -n 's/^# \{0,1\}//; 2,7p' "${BASH_SOURCE[0]}"
}

is_count() { [[ $1 =~ ^[1-9][0-9]*$ ]]; }

parse_args() {
  local set=all concurrency='2 4 8' c
  while (($# > 0)); do
    case $1 in
      --set) set=${2:?--set needs png-small, jpeg12mp or all}; shift 2 ;;
      --concurrency) concurrency=${2:?--concurrency needs a list such as \"2 4 8\"}; shift 2 ;;
      --count) COUNT_OVERRIDE=${2:?--count needs a number}; shift 2 ;;
      --duration) DURATION_OVERRIDE=${2:?--duration needs a number of seconds}; shift 2 ;;
      --memory-requests) MEMORY_REQUESTS=${2:?--memory-requests needs a number}; shift 2 ;;
      --no-memory) RUN_MEMORY=false; shift ;;
      --port) PORT=${2:?--port needs a number}; shift 2 ;;
      -h | --help) usage; exit 0 ;;
      *) usage >&2; exit 2 ;;
    esac
  done
  case $set in
    all) SETS=(png-small jpeg12mp) ;;
    png-small | jpeg12mp) SETS=("$set") ;;
    *) die "unknown set '$set' (png-small, jpeg12mp or all)" ;;
  esac
  read -r -a CONCURRENCY <<<"$concurrency"
  ((${#CONCURRENCY[@]} > 0)) || die "--concurrency needs at least one number"
  for c in "${CONCURRENCY[@]}"; do is_count "$c" || die "--concurrency takes positive numbers, not '$c'"; done
  [[ -z $COUNT_OVERRIDE ]] || is_count "$COUNT_OVERRIDE" || die "--count needs a positive number"
  [[ -z $DURATION_OVERRIDE ]] || is_count "$DURATION_OVERRIDE" || die "--duration needs a positive number of seconds"
  is_count "$MEMORY_REQUESTS" || die "--memory-requests needs a positive number"
  if ! is_count "$PORT" || ((PORT > 65535)); then die "--port needs a port number"; fi
  URL="http://127.0.0.1:$PORT/v1/flows/thumbnail"
}

# ---- a. the load generator: wrk with a script that posts one file as the raw body ----------------

# wrk's Lua strings are byte strings, so a binary body goes out unchanged (checked against a server
# hashing what it received). One wrk thread drives all connections: at tens of requests per second it
# is idle most of the time, and a second thread would only take CPU from the service.
# done() prints one line: BENCH requests duration_us p50_us p99_us non200 socket_errors.
write_lua() {
  cat >"$LUA" <<'EOF'
-- Written by bench/http.sh. Posts the file BENCH_BODY as the raw body with Content-Type
-- BENCH_CONTENT_TYPE. When BENCH_STOP_AFTER is above 0, stops after that many answers and
-- creates the file BENCH_STOP_FILE, so that the script can end wrk's wait for its -d.
local file = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = os.getenv("BENCH_CONTENT_TYPE")

local stop_after = tonumber(os.getenv("BENCH_STOP_AFTER") or "0") or 0
local threads = {}
answers = 0
non200 = 0

function setup(thread)
  table.insert(threads, thread)
end

function response(status, headers, body)
  answers = answers + 1
  if status ~= 200 then
    non200 = non200 + 1
  end
  if stop_after > 0 and answers == stop_after then
    wrk.thread:stop()
    assert(io.open(os.getenv("BENCH_STOP_FILE"), "w")):close()
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non200")
  end
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %d %d %d\n", summary.requests, summary.duration,
    math.floor(latency:percentile(50)), math.floor(latency:percentile(99)), bad,
    e.connect + e.read + e.write + e.timeout))
end
EOF
}

# run_wrk OUTPUT BODY CONTENT_TYPE CONNECTIONS SECONDS [STOP_AFTER]: one wrk run, its whole output
# (with --latency's distribution) kept in OUTPUT; sets WRK_LINE to its BENCH line. With STOP_AFTER,
# SECONDS is only a ceiling: wrk's main thread sleeps for all of -d even when the script has stopped
# the load, so once the stop file appears it gets SIGINT, which ends it early with a full report (as
# Ctrl-C does); its duration then includes up to 0.1 s of that polling. It runs in the main shell, not
# in $(...), so that the EXIT trap can stop it.
run_wrk() {
  local output=$1 body=$2 type=$3 connections=$4 seconds=$5 stop_after=${6:-0} stop_file="$OUT/wrk-stopped" status=0
  rm -f "$stop_file"
  BENCH_BODY="$body" BENCH_CONTENT_TYPE="$type" BENCH_STOP_AFTER="$stop_after" BENCH_STOP_FILE="$stop_file" \
    wrk -t 1 -c "$connections" -d "${seconds}s" --timeout 60s --latency -s "$LUA" "$URL" >"$output" 2>&1 &
  WRK_PID=$!
  if ((stop_after > 0)); then
    while [[ ! -e $stop_file ]] && kill -0 "$WRK_PID" 2>/dev/null; do sleep 0.1; done
    kill -INT "$WRK_PID" 2>/dev/null || true
  fi
  wait "$WRK_PID" || status=$?
  rm -f "$stop_file"
  WRK_PID=''
  if ((status != 0)); then
    tail -n 20 "$output" >&2
    die "wrk failed (output: $output)"
  fi
  WRK_LINE="$(grep '^BENCH ' "$output")" || die "no BENCH line in $output"
}

stop_wrk() {
  [[ -n $WRK_PID ]] || return 0
  kill -INT "$WRK_PID" 2>/dev/null || true
  wait "$WRK_PID" 2>/dev/null || true
  WRK_PID=''
}

ms_from_us() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }

# ---- b. Darkroom over HTTP -----------------------------------------------------------------------

cleanup() {
  stop_wrk
  stop_sampler
  stop_service
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Is anything listening on the port already? Then our service could not start, or wrk would load another.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_darkroom() {
  port_in_use "$PORT" && die "port $PORT is in use; choose another with --port"
  rm -rf "${REPO:?}/$DATA"
  log "starting Darkroom on port $PORT…"
  start_service "$SERVICE_LOG" --port "$PORT" --data "$DATA" --set "darkroom.max-in-flight=$MAX_IN_FLIGHT"
}

stop_darkroom() {
  stop_service
  rm -rf "${REPO:?}/$DATA"
}

# One request with curl before any load: a wrong URL or a broken flow shows here, not as a table of errors.
check_thumbnail() {
  local set=$1 body=$2 answer="$OUT/check.${EXT[$1]}" status size
  status="$(curl -sS -o "$answer" -w '%{http_code}' -H "Content-Type: ${CONTENT_TYPE[$set]}" --data-binary "@$body" "$URL")" ||
    die "could not reach $URL (log: $SERVICE_LOG)"
  [[ $status == 200 ]] || die "POST $URL answered $status: $(head -c 500 "$answer")"
  size="$("$CONVERT" "$answer" -format '%wx%h' info:)"
  log "$set: one request answered 200 with a $size thumbnail"
}

# Sets DR_*["SET/C"] for each concurrency, after one warm-up run at the highest that is not reported.
measure_darkroom() {
  local set=$1 body c requests duration_us p50_us p99_us non200 socket_errors max=0
  body="$(master_image "$set")"
  check_thumbnail "$set" "$body"
  for c in "${CONCURRENCY[@]}"; do if ((c > max)); then max=$c; fi; done
  log "$set: warm-up, ${WARMUP_S} s at $max connections…"
  run_wrk "$OUT/wrk-$set-warmup.txt" "$body" "${CONTENT_TYPE[$set]}" "$max" "$WARMUP_S"
  for c in "${CONCURRENCY[@]}"; do
    sleep "$DRAIN_S"
    log "$set: Darkroom over HTTP, ${DURATION[$set]} s at $c connections…"
    run_wrk "$OUT/wrk-$set-c$c.txt" "$body" "${CONTENT_TYPE[$set]}" "$c" "${DURATION[$set]}"
    read -r _ requests duration_us p50_us p99_us non200 socket_errors <<<"$WRK_LINE"
    DR_REQUESTS[$set/$c]=$requests
    DR_RPS[$set/$c]="$(awk -v n="$requests" -v us="$duration_us" 'BEGIN { printf "%.1f", n * 1e6 / us }')"
    DR_P50[$set/$c]="$(ms_from_us "$p50_us")"
    DR_P99[$set/$c]="$(ms_from_us "$p99_us")"
    DR_NON200[$set/$c]=$non200
    DR_SOCKET_ERRORS[$set/$c]=$socket_errors
    ((non200 + socket_errors == 0)) || log "$set C=$c: $non200 answers other than 200, $socket_errors socket errors"
  done
  sleep "$DRAIN_S"
}

# ---- c. the same ImageMagick command, straight from a shell ---------------------------------------

# Run by `sh -c` once per request; $1 is the request's number. The command between the two `date`s is
# the one Darkroom runs: same policy, same clean environment, same arguments. Each invocation appends
# "nanoseconds exit-status" to BENCH_TIMES; lines that short are written whole even when appended at once.
# shellcheck disable=SC2016 # expanded later by that sh, not here
readonly DIRECT_JPEG='t0=$(date +%s%N); env -i PATH=/usr/bin:/bin MAGICK_CONFIGURE_PATH="$BENCH_POLICY" MAGICK_TEMPORARY_PATH="$BENCH_TMP" /usr/bin/convert -regard-warnings -limit thread 1 -define jpeg:size=512x512 "jpeg:$BENCH_IN[0]" -auto-orient -thumbnail "256x256>" -strip -quality 85 "jpeg:$BENCH_OUT/$1.jpg"; rc=$?; t1=$(date +%s%N); echo "$((t1 - t0)) $rc" >>"$BENCH_TIMES"'
# shellcheck disable=SC2016
readonly DIRECT_PNG='t0=$(date +%s%N); env -i PATH=/usr/bin:/bin MAGICK_CONFIGURE_PATH="$BENCH_POLICY" MAGICK_TEMPORARY_PATH="$BENCH_TMP" /usr/bin/convert -regard-warnings -limit thread 1 "png:$BENCH_IN[0]" -auto-orient -thumbnail "256x256>" -strip "png:$BENCH_OUT/$1.png"; rc=$?; t1=$(date +%s%N); echo "$((t1 - t0)) $rc" >>"$BENCH_TIMES"'

# percentile_ms FILE Q: the Q-th percentile (nearest rank) of FILE's first column, nanoseconds, in ms.
percentile_ms() {
  sort -n -k1,1 "$1" | awk -v q="$2" '
    { v[NR] = $1 }
    END { i = int((q * NR + 99) / 100); if (i < 1) i = 1; printf "%.1f", v[i] / 1e6 }'
}

# Sets DI_*["SET/C"]: COUNT invocations over the one input, C at a time.
measure_direct() {
  local set=$1 c=$2 count=${COUNT[$1]} body script=$DIRECT_JPEG made="$OUT/direct/$1" tmp="$OUT/magick-tmp"
  local times="$OUT/direct-$1-c$2.times" t0 t1
  [[ $set == png-small ]] && script=$DIRECT_PNG
  body="$(master_image "$set")"
  fresh_dir "$made"
  fresh_dir "$tmp"
  : >"$times"
  cat "$body" >/dev/null
  log "$set: the command directly, $count invocations, $c at a time…"
  t0="$(now)"
  seq "$count" |
    BENCH_IN="$body" BENCH_OUT="$made" BENCH_POLICY="$REPO/policy" BENCH_TMP="$tmp" BENCH_TIMES="$times" \
      xargs -P "$c" -n 1 sh -c "$script" sh
  t1="$(now)"
  DI_RPS[$set/$c]="$(awk -v n="$count" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", n / (b - a) }')"
  DI_P50[$set/$c]="$(percentile_ms "$times" 50)"
  DI_P99[$set/$c]="$(percentile_ms "$times" 99)"
  DI_FAILED[$set/$c]="$(awk '$2 != 0' "$times" | wc -l)"
  (($(wc -l <"$times") == count)) || log "$set C=$c: $(wc -l <"$times") timings for $count invocations"
  [[ ${DI_FAILED[$set/$c]} == 0 ]] || log "$set C=$c: ${DI_FAILED[$set/$c]} of $count invocations failed"
  rm -rf "$made" "$tmp"
}

# ---- d. resident memory under a long run ---------------------------------------------------------

# The launcher execs Java, so the service's pid is normally Java's own; otherwise look for the Java
# process that runs the jar on our port.
java_pid() {
  if [[ $(cat "/proc/$SERVICE_PID/comm" 2>/dev/null) == java ]]; then
    echo "$SERVICE_PID"
  else
    pgrep -f "darkroom\.jar .*--port $PORT( |$)" | head -n 1
  fi
}

rss_kb() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB$/\1/p' "/proc/$1/status"; }
mib() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; }

# start_sampler PID FILE: VmRSS in kB, once a second, one line each, until stop_sampler.
start_sampler() {
  local pid=$1 file=$2
  : >"$file"
  while kill -0 "$pid" 2>/dev/null; do
    rss_kb "$pid" >>"$file" || true
    sleep 1
  done &
  SAMPLER_PID=$!
}

stop_sampler() {
  [[ -n $SAMPLER_PID ]] || return 0
  kill "$SAMPLER_PID" 2>/dev/null || true
  wait "$SAMPLER_PID" 2>/dev/null || true
  SAMPLER_PID=''
}

# A fresh service, warmed up, then MEMORY_REQUESTS small PNGs at MEMORY_CONCURRENCY in MEMORY_SLICES
# wrk runs that each stop after their share of answers; RSS is read after each and sampled every second.
# Sets MEM_START_KB, MEM_ROWS, MEM_MAX_KB and MEM_MIN_KB.
measure_memory() {
  local body pid slice done_count=0 this requests duration_us non200 socket_errors rate rss samples="$OUT/rss.txt"
  body="$(master_image png-small)"
  start_darkroom
  pid="$(java_pid)"
  [[ -n $pid ]] || die "found no Java process for the service on port $PORT"
  check_thumbnail png-small "$body"
  log "memory: warm-up, ${WARMUP_S} s at $MEMORY_CONCURRENCY connections…"
  run_wrk "$OUT/wrk-memory-warmup.txt" "$body" image/png "$MEMORY_CONCURRENCY" "$WARMUP_S"
  sleep "$DRAIN_S"
  MEM_START_KB="$(rss_kb "$pid")"
  start_sampler "$pid" "$samples"
  echo "$MEM_START_KB" >>"$samples"
  slice=$(((MEMORY_REQUESTS + MEMORY_SLICES - 1) / MEMORY_SLICES))
  while ((done_count < MEMORY_REQUESTS)); do
    this=$((MEMORY_REQUESTS - done_count < slice ? MEMORY_REQUESTS - done_count : slice))
    log "memory: requests $((done_count + 1))–$((done_count + this)) of $MEMORY_REQUESTS at $MEMORY_CONCURRENCY connections…"
    # The ceiling allows 1 request/s; the stop file ends the run long before.
    run_wrk "$OUT/wrk-memory-$((done_count + this)).txt" "$body" image/png "$MEMORY_CONCURRENCY" "$((this + 60))" "$this"
    read -r _ requests duration_us _ _ non200 socket_errors <<<"$WRK_LINE"
    ((requests > 0)) || die "memory: wrk completed no requests (see $OUT)"
    done_count=$((done_count + requests))
    rate="$(awk -v n="$requests" -v us="$duration_us" 'BEGIN { printf "%.1f", n * 1e6 / us }')"
    ((socket_errors == 0)) || non200="$non200 (+$socket_errors socket errors)"
    rss="$(rss_kb "$pid")"
    echo "$rss" >>"$samples"
    MEM_ROWS+=("| $done_count | $(mib "$rss") | $rate | $non200 |")
  done
  stop_sampler
  MEM_MAX_KB="$(sort -n "$samples" | tail -n 1)"
  MEM_MIN_KB="$(sort -n "$samples" | head -n 1)"
  stop_darkroom
}

# ---- e. report -------------------------------------------------------------------------------------

java_version() { "${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -n 1; }

# The heap the service gets: the JVM's default unless DARKROOM_JAVA_OPTS says otherwise.
max_heap_mib() {
  local opts=()
  read -r -a opts <<<"${DARKROOM_JAVA_OPTS:-}"
  "${JAVA_HOME:+$JAVA_HOME/bin/}java" "${opts[@]}" -XX:+PrintFlagsFinal -version 2>/dev/null |
    awk '$2 == "MaxHeapSize" { printf "%.0f", $4 / 1048576 }'
}

machine_facts() {
  common_facts
  echo "Java: $(java_version)  "
  echo "Memory: $(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)  "
  echo "Load average before the run: $LOAD_AT_START  "
  echo "Load generator: $(wrk -v 2>&1 | head -n 1 | sed 's/ Copyright.*//'), 1 thread, C connections, on the same machine  "
  echo "Darkroom: default workers (one per core: $(nproc)), darkroom.max-in-flight=$MAX_IN_FLIGHT, DARKROOM_JAVA_OPTS=${DARKROOM_JAVA_OPTS:-(none)}  "
  echo "Direct: the same ImageMagick command, xargs -P C, one process per request"
  echo
}

non200_cell() {
  local key=$1
  if [[ ${DR_SOCKET_ERRORS[$key]} == 0 ]]; then
    echo "${DR_NON200[$key]}"
  else
    echo "${DR_NON200[$key]} (+${DR_SOCKET_ERRORS[$key]} socket errors)"
  fi
}

report_set() {
  local set=$1 c key body direct ratio overhead
  body="$(master_image "$set")"
  echo "### $set: ${DESCRIPTION[$set]}, $(du -k "$body" | cut -f 1) KiB"
  echo
  echo "Darkroom: wrk for ${DURATION[$set]} s per row, after one ${WARMUP_S} s warm-up. Direct: ${COUNT[$set]} invocations per row."
  echo
  echo "| C | Darkroom req/s | direct img/s | Darkroom/direct | Darkroom p50 / p99 (ms) | direct p50 / p99 (ms) | p50 overhead (ms) | non-200 | Darkroom requests |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for c in "${CONCURRENCY[@]}"; do
    key="$set/$c"
    direct="${DI_P50[$key]} / ${DI_P99[$key]}"
    [[ ${DI_FAILED[$key]} == 0 ]] || direct="$direct (${DI_FAILED[$key]} failed)"
    ratio="$(awk -v a="${DR_RPS[$key]}" -v b="${DI_RPS[$key]}" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * a / b; else print "–" }')"
    overhead="$(awk -v a="${DR_P50[$key]}" -v b="${DI_P50[$key]}" 'BEGIN { printf "%+.1f", a - b }')"
    echo "| $c | ${DR_RPS[$key]} | ${DI_RPS[$key]} | $ratio | ${DR_P50[$key]} / ${DR_P99[$key]} | $direct | $overhead | $(non200_cell "$key") | ${DR_REQUESTS[$key]} |"
  done
  echo
}

report_memory() {
  echo "### Resident memory: $MEMORY_REQUESTS png-small requests at C=$MEMORY_CONCURRENCY"
  echo
  echo "A fresh service, warmed up for ${WARMUP_S} s; VmRSS of its Java process. JVM max heap: $(max_heap_mib) MiB."
  echo
  echo "| requests done | RSS (MiB) | req/s in the slice | non-200 |"
  echo "|---:|---:|---:|---:|"
  echo "| 0 (after warm-up) | $(mib "$MEM_START_KB") | – | – |"
  printf '%s\n' "${MEM_ROWS[@]}"
  echo
  echo "Over the run (sampled every second, plus the rows above): min $(mib "$MEM_MIN_KB") MiB, max $(mib "$MEM_MAX_KB") MiB."
}

report() {
  machine_facts
  local set
  for set in "${SETS[@]}"; do report_set "$set"; done
  if $RUN_MEMORY; then report_memory; fi
}

main() {
  parse_args "$@"
  cd "$REPO"
  # Anything else running skews every row; say so before spending ten minutes.
  LOAD_AT_START="$(cut -d ' ' -f 1-3 /proc/loadavg)"
  if awk -v l="${LOAD_AT_START%% *}" 'BEGIN { exit !(l > 0.5) }'; then
    log "warning: load average $LOAD_AT_START before the run; the machine is not quiet, figures will be low and noisy"
  fi
  command -v wrk >/dev/null || die "needs wrk: sudo apt-get install wrk"
  command -v curl >/dev/null || die "needs curl: sudo apt-get install curl"
  [[ -x $CONVERT ]] || die "needs ImageMagick at $CONVERT: sudo apt-get install imagemagick"
  local set c
  # Everything in it is made again; earlier runs' reports would only mislead.
  fresh_dir "$OUT"
  write_lua
  for set in "${SETS[@]}"; do
    COUNT[$set]=${COUNT_OVERRIDE:-${DEFAULT_COUNT[$set]}}
    DURATION[$set]=${DURATION_OVERRIDE:-${DEFAULT_DURATION[$set]}}
    master_image "$set" >/dev/null
  done
  # The direct runs first, with no service running alongside them.
  for set in "${SETS[@]}"; do
    for c in "${CONCURRENCY[@]}"; do measure_direct "$set" "$c"; done
  done
  start_darkroom
  for set in "${SETS[@]}"; do measure_darkroom "$set"; done
  stop_darkroom
  if $RUN_MEMORY; then measure_memory; fi
  report
}

main "$@"
