#!/usr/bin/env bash
# A throwaway PostgreSQL from Debian's postgresql package, for tests and CI: private directory, loopback port,
# no durability (fsync off), trust for the superuser "postgres" and passwords (scram) for every other role.
#
#   tools/postgres.sh start DIR [PORT]   initialise DIR and start a server; prints the port (a free one if none)
#   tools/postgres.sh restart DIR [S]    stop and start the server of DIR on the same port, down for S seconds
#   tools/postgres.sh stop DIR           stop the server of DIR and delete DIR
#
# initdb refuses to run as root, so as root the server runs as the postgres user (through runuser) and DIR is
# chowned to it; DIR's parents must let that user through.
set -euo pipefail

die() { echo "postgres.sh: $*" >&2; exit 1; }

# The newest server under /usr/lib/postgresql: the package's own binaries, whatever PATH says.
bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -x $dir/initdb ]] || die "no PostgreSQL server found under /usr/lib/postgresql (apt-get install postgresql)"
  echo "$dir"
}

as_server_user() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    port_free "$port" && { echo "$port"; return; }
  done
  die "no free port found"
}

# Where DIR's server keeps its files: DIR itself, or (as root, when the postgres user cannot reach DIR, e.g. a
# checkout under /root) a directory in that user's home that DIR names in its file "server".
server_dir() {
  local dir=$1
  if [[ -f $dir/server ]]; then cat "$dir/server"; else echo "$dir"; fi
}

pg_ctl_of() {
  local dir
  dir=$(server_dir "$1"); shift
  as_server_user "$(bin_dir)/pg_ctl" -D "$dir/data" -l "$dir/server.log" "$@"
}

cmd_start() {
  local dir=$1 port=${2:-}
  [[ -e $dir ]] && die "$dir exists already; stop it first"
  [[ -n $port ]] || port=$(free_port)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  local handle=$dir
  if [[ $(id -u) -eq 0 ]]; then
    if ! runuser -u postgres -- test -x "$dir"; then
      dir="$(getent passwd postgres | cut -d: -f6)/darkroom-test-$$-$RANDOM"
      mkdir -p "$dir"
      echo "$dir" >"$handle/server"
    fi
    chown postgres: "$dir"
  fi
  as_server_user "$(bin_dir)/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 --locale=C \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  # The superuser needs no password (the tests administer through it); every other role signs in with one,
  # so a wrong password is refused as it would be in production.
  as_server_user tee "$dir/data/pg_hba.conf" >/dev/null <<HBA
local all postgres trust
host  all postgres 127.0.0.1/32 trust
local all all scram-sha-256
host  all all 127.0.0.1/32 scram-sha-256
HBA
  start_server "$dir" "$port"
  echo "$port" >"$handle/port"
  echo "$port"
}

start_server() {
  local dir=$1 port=$2
  pg_ctl_of "$dir" -w -t 60 -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off \
-c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
    || { cat "$dir/server.log" >&2; die "the server did not start"; }
}

cmd_restart() {
  local dir=$1 down=${2:-0}
  [[ -f $dir/port ]] || die "$dir holds no server started by this script"
  if [[ $down == 0 ]]; then
    # pg_ctl restart reuses the options the server was started with (postmaster.opts).
    pg_ctl_of "$dir" -w -t 60 -m fast restart >/dev/null || { cat "$(server_dir "$dir")/server.log" >&2; die "restart failed"; }
    return
  fi
  pg_ctl_of "$dir" -w -t 60 -m fast stop >/dev/null || { cat "$(server_dir "$dir")/server.log" >&2; die "stop failed"; }
  sleep "$down"
  start_server "$(server_dir "$dir")" "$(cat "$dir/port")"
}

cmd_stop() {
  local dir=$1 server
  [[ -e $dir ]] || return 0
  server=$(server_dir "$dir")
  if [[ -f $server/data/postmaster.pid ]]; then
    pg_ctl_of "$dir" -w -t 60 -m immediate stop >/dev/null || true
  fi
  [[ $server == "$dir" ]] || rm -rf "$server"
  rm -rf "$dir"
}

case ${1:-} in
  start) [[ $# -ge 2 ]] || die "usage: start DIR [PORT]"; cmd_start "$2" "${3:-}" ;;
  restart) [[ $# -ge 2 ]] || die "usage: restart DIR [DOWN_SECONDS]"; cmd_restart "$2" "${3:-0}" ;;
  stop) [[ $# -eq 2 ]] || die "usage: stop DIR"; cmd_stop "$2" ;;
  *) die "usage: tools/postgres.sh start DIR [PORT] | restart DIR | stop DIR" ;;
esac
