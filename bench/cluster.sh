#!/usr/bin/env bash
# Cluster benchmark (a benchmark, not a test): what cluster mode costs per file against one instance on the same
# inputs, how many statements the database sees per file, and two nodes on one machine against one. Each round
# runs the variants back to back (interleaved), on a throwaway local PostgreSQL (tools/postgres.sh).
# Prefer `./darkroom bench cluster`: it checks prerequisites and builds before this runs.
# Usage: bench/cluster.sh [--count N] [--rounds R]
set -euo pipefail

# REPO, WORK, log, die, now, master_image, fresh_dir, cpu_seconds, start_service, stop_service…
# shellcheck source-path=SCRIPTDIR source=lib.sh disable=SC1091 # followed with shellcheck -x
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"

COUNT=300
ROUNDS=3
readonly PG_DIR="$WORK/cluster-pg"
readonly INBOX=thumbnail
PORT=''
EXTRA_PIDS=()
RESULT=''
MASTER=''

usage() { sed -n 's/^# \{0,1\}//; 2,6p' "${BASH_SOURCE[0]}"; }

while (($# > 0)); do
  case $1 in
    --count) COUNT=${2:?--count needs a number}; shift 2 ;;
    --rounds) ROUNDS=${2:?--rounds needs a number}; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

cleanup() {
  stop_service
  local pid
  for pid in "${EXTRA_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  "$REPO/tools/postgres.sh" stop "$PG_DIR" >/dev/null 2>&1 || true
}
trap cleanup EXIT

psql_super() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  "$bin/psql" -X -q -t -A -h 127.0.0.1 -p "$PORT" -U postgres -d "${2:-postgres}" -c "$1"
}

# Transactions committed in the bench database: every statement Darkroom sends runs in its own (autocommit).
commits() { psql_super "SELECT xact_commit FROM pg_stat_database WHERE datname = 'bench'"; }

# "jvm jit children": CPU clock ticks (user + system) of the JVM, of its JIT compiler threads (part of the JVM's;
# kept alive by -XX:-UseDynamicNumberOfCompilerThreads, so none takes its ticks away when it ends) and of its
# waited-for children (ImageMagick). JIT is the JVM warming up to new code paths: a cost a long-running node pays
# once, reported apart from the per-file work.
cpu_ticks() {
  local jit=0 task stat fields
  for task in /proc/"$1"/task/*; do
    stat=$(cat "$task/stat" 2>/dev/null) || continue
    [[ $stat == *"(C1 CompilerThre)"* || $stat == *"(C2 CompilerThre)"* ]] || continue
    read -r -a fields <<<"${stat##*) }"
    jit=$((jit + fields[11] + fields[12]))
  done
  awk -v jit="$jit" '{ print $14 + $15, jit, $16 + $17 }' "/proc/$1/stat"
}

# CPU clock ticks of the database's server processes that serve the bench database, as "pid ticks" lines.
database_ticks() {
  local pid
  for pid in $(psql_super "SELECT pid FROM pg_stat_activity WHERE datname = 'bench' AND pid <> pg_backend_pid()"); do
    awk -v pid="$pid" '{ print pid, $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || true
  done | sort
}

# database_ticks_since BEFORE: ticks the bench database's server processes spent since BEFORE (database_ticks'
# output); a connection opened since counts from zero.
database_ticks_since() {
  join -a 2 -e 0 -o 1.2,2.2 <(echo "$1") <(database_ticks) | awk '{ sum += $2 - $1 } END { print sum + 0 }'
}

# ms_per_file TICKS: clock ticks as CPU milliseconds per file, one decimal.
ms_per_file() {
  awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v n="$COUNT" 'BEGIN { printf "%.1f", 1000 * t / hz / n }'
}

cluster_args() {
  echo --set darkroom.cluster.jdbc-url="jdbc:postgresql://127.0.0.1:$PORT/bench" \
    --set darkroom.cluster.username=bench --set darkroom.cluster.password=bench
}

# drop DATA: COUNT copies of the master into the inbox, each written under a hidden name then renamed.
drop() {
  local inbox="$1/inbox/$INBOX" i
  mkdir -p "$inbox"
  for ((i = 0; i < COUNT; i++)); do
    cp "$MASTER" "$inbox/.in-$i.png"
    mv "$inbox/.in-$i.png" "$inbox/in-$i.png"
  done
}

# wait_done DATA: until every input is archived or failed.
wait_done() {
  local data=$1 deadline=$((SECONDS + 600)) done_count
  while :; do
    done_count=$(($(find "$data/archive/$INBOX" -type f 2>/dev/null | wc -l) + $(find "$data/failed/$INBOX" -type f ! -name '*.error.json' 2>/dev/null | wc -l)))
    ((done_count >= COUNT)) && return
    ((SECONDS < deadline)) || die "only $done_count of $COUNT files done after 600 s"
    sleep 0.1
  done
}

# run_one NAME [RUN ARGS...]: one instance, COUNT files; sets RESULT to "seconds jvm jit children database
# statements" (CPU in clock ticks). Run in the main shell (not in $(...)), so the EXIT trap sees the service.
run_one() {
  local name=$1 data="$WORK/cluster-$1"
  shift
  fresh_dir "$data"
  start_service "$WORK/cluster-$name.log" --data "$data" --set darkroom.doors=inbox "$@"
  local jvm0 jit0 children0 jvm1 jit1 children1 database0 commits0 t0 t1
  read -r jvm0 jit0 children0 < <(cpu_ticks "$SERVICE_PID")
  database0=$(database_ticks)
  commits0=$(commits)
  t0=$(now)
  drop "$data"
  wait_done "$data"
  t1=$(now)
  read -r jvm1 jit1 children1 < <(cpu_ticks "$SERVICE_PID")
  RESULT="$(seconds_between "$t0" "$t1") $((jvm1 - jvm0)) $((jit1 - jit0)) $((children1 - children0))"
  RESULT+=" $(database_ticks_since "$database0") $(($(commits) - commits0))"
  stop_service
}

# run_two: two nodes on one data directory, COUNT files; sets RESULT to the seconds.
run_two() {
  local data="$WORK/cluster-two" t0 t1 second
  fresh_dir "$data"
  # shellcheck disable=SC2046 # cluster_args is a list of words
  start_service "$WORK/cluster-two-a.log" --data "$data" --set darkroom.doors=inbox $(cluster_args)
  (cd "$REPO" && DARKROOM_MAGICK_BINARY="$CONVERT" exec ./darkroom run --data "$data" --set darkroom.doors=inbox \
    $(cluster_args)) >"$WORK/cluster-two-b.log" 2>&1 &
  second=$!
  EXTRA_PIDS+=("$second")
  until grep -q "$READY_LINE" "$WORK/cluster-two-b.log" 2>/dev/null; do
    kill -0 "$second" 2>/dev/null || die "the second node exited (log: $WORK/cluster-two-b.log)"
    sleep 0.2
  done
  t0=$(now)
  drop "$data"
  wait_done "$data"
  t1=$(now)
  RESULT=$(seconds_between "$t0" "$t1")
  kill -TERM "$second" 2>/dev/null || true
  wait "$second" 2>/dev/null || true
  EXTRA_PIDS=()
  stop_service
}

main() {
  mkdir -p "$WORK"
  MASTER=$(master_image png-small)
  "$REPO/tools/postgres.sh" stop "$PG_DIR" >/dev/null 2>&1 || true
  PORT=$("$REPO/tools/postgres.sh" start "$PG_DIR")
  psql_super "CREATE ROLE bench LOGIN PASSWORD 'bench'" >/dev/null
  psql_super "CREATE DATABASE bench OWNER bench" >/dev/null
  log "PostgreSQL on 127.0.0.1:$PORT; $COUNT files of 320x240 PNG per run, $ROUNDS rounds"
  # Compiler threads that outlive their work, so their CPU can be told apart (see cpu_ticks); the user's options last.
  export DARKROOM_JAVA_OPTS="-XX:-UseDynamicNumberOfCompilerThreads ${DARKROOM_JAVA_OPTS:-}"
  local round single cluster two s1 j1 jit1 m1 s2 j2 jit2 m2 d2 q2 extra=()
  echo "CPU in ms per file: JVM (of which JIT), ImageMagick, and the database's server processes."
  echo
  echo "| round | one instance: s, JVM (JIT), ImageMagick | one cluster node: s, JVM (JIT), ImageMagick, database, statements/file | two nodes: s | node − instance: JVM without JIT + database |"
  echo "|---|---|---|---|---|"
  for ((round = 1; round <= ROUNDS; round++)); do
    run_one single
    single=$RESULT
    # shellcheck disable=SC2046 # cluster_args is a list of words
    run_one node $(cluster_args)
    cluster=$RESULT
    run_two
    two=$RESULT
    read -r s1 j1 jit1 m1 _ _ <<<"$single"
    read -r s2 j2 jit2 m2 d2 q2 <<<"$cluster"
    extra+=("$(ms_per_file $((j2 - jit2 + d2 - (j1 - jit1))))")
    echo "| $round | $s1 s, $(ms_per_file "$j1") ($(ms_per_file "$jit1")), $(ms_per_file "$m1") |" \
      "$s2 s, $(ms_per_file "$j2") ($(ms_per_file "$jit2")), $(ms_per_file "$m2"), $(ms_per_file "$d2")," \
      "$(awk -v q="$q2" -v n="$COUNT" 'BEGIN { printf "%.2f", q / n }') | $two s | ${extra[-1]} |"
  done
  echo
  echo "Median CPU a cluster node adds per file, JIT aside: $(printf '%s\n' "${extra[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }') ms.  "
  common_facts
}

main
