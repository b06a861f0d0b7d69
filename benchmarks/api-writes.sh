#!/usr/bin/env bash
# REST benchmark (issues 9 and 14): a generated installation SIZE (S, M or XL) in a fresh database of PROVIDER (sqlite, the
# default, or postgres: a throwaway PostgreSQL cluster made with initdb/pg_ctl in a temp dir, as the tests do), the app in
# Release on 127.0.0.1. It prints the instance's start-up (process start → /health/ready 200), then — when LOAD_SECONDS > 0 —
# 32 concurrent readers (report, power ports, power feeds), then PowerMap.Benchmarks writes: p95 of PATCH/POST/DELETE of a
# power port (WRITES sequential requests each), 32 concurrent writers × 10 PATCHes without If-Match, a bulk POST of 10,000
# ports, and the import of the SIZE document through the API (mode=replace, last; skipped with IMPORT=0). On postgres with
# PROPAGATE=port times a PSU's allocated draw instead of a feed's description.
# PG_STATS=FILE writes PostgreSQL's statements by total time (pg_stat_statements) to FILE at the end.
# PROPAGATION=N > 0 a second instance is started on the same database and N PATCHes on A are timed until B serves them.
# PORT (default 5098) is instance A's port, B's is PORT-1.
# Usage: benchmarks/api-writes.sh S|M|XL [writes] [sqlite|postgres] [load seconds per endpoint, 0 = none]
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-S}"; writes="${2:-100}"; provider="${3:-sqlite}"; load_seconds="${4:-0}"; port="${PORT:-5098}"; port_b=$((port - 1))
work="$(mktemp -d)"; app_pid=""; app_b_pid=""; pg_bin=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  [ -n "$app_b_pid" ] && kill "$app_b_pid" 2>/dev/null && wait "$app_b_pid" 2>/dev/null
  [ -n "$pg_bin" ] && as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
# initdb refuses to run as root: then the cluster belongs to the postgres account of the Debian package.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
load() { echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"; }

dotnet build -c Release -nologo -v quiet src/PowerMap.Web >/dev/null
dotnet build -c Release -nologo -v quiet benchmarks/PowerMap.Benchmarks >/dev/null
bench="dotnet benchmarks/PowerMap.Benchmarks/bin/Release/net10.0/PowerMap.Benchmarks.dll"
$bench generate "$size" "$work/topology.json"

export PowerMap__DemoData=false ASPNETCORE_ENVIRONMENT=Production
case "$provider" in
  sqlite)
    export Database__Provider=Sqlite ConnectionStrings__PowerMap="Data Source=$work/powermap.db" ;;
  postgres)
    pg_bin="$(dirname "$(readlink -f "$(command -v initdb || ls -d /usr/lib/postgresql/*/bin/initdb | tail -1)")")"
    pg_port=55439
    mkdir -p "$work/pg" && [ "$(id -u)" = 0 ] && chown postgres: "$work/pg" "$work"
    as_pg "$pg_bin/initdb" -D "$work/pg/data" -U postgres --auth=trust --encoding=UTF8 --locale=C >/dev/null
    # PostgreSQL's defaults (as docs/deploy.md installs it), except synchronous_commit=off: the same durability as the
    # app's SQLite (WAL, synchronous=NORMAL: a power cut may lose the last commits, never consistency). PG_OPTIONS adds more.
    as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w -t 60 \
      -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c synchronous_commit=off ${PG_STATS:+-c shared_preload_libraries=pg_stat_statements} ${PG_OPTIONS:-}" start >/dev/null
    psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -c "CREATE DATABASE powermap" postgres
    export Database__Provider=Postgres ConnectionStrings__PowerMap="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=powermap"
    echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port" ;;
  *) echo "provider must be sqlite or postgres, not '$provider'" >&2; exit 2 ;;
esac

app() { (cd src/PowerMap.Web && exec dotnet bin/Release/net10.0/PowerMap.Web.dll "$@"); }
# An instance in the background: the subshell execs dotnet, so $! is the app's own pid (kill reaches it).
serve() { (cd src/PowerMap.Web && exec dotnet bin/Release/net10.0/PowerMap.Web.dll --urls "http://127.0.0.1:$1") >"$2" 2>&1 & }
port_free() { ! curl -s -o /dev/null "http://127.0.0.1:$1/"; }
import_start=$(date +%s.%N)
app import "$work/topology.json" --replace
echo "command-line import: $(echo "$(date +%s.%N) - $import_start" | bc) s"
# The API needs a token: an admin user and a write-enabled token for it, made with the command line.
app user add bench --role admin >/dev/null
export POWERMAP_TOKEN="$(app token add bench | tail -1)"
auth="Authorization: Token $POWERMAP_TOKEN"

# Start-up: from the process start to the first 200 of /health/ready (database, migrations, snapshot at the revision).
wait_ready() { # start, port, pid → "wall seconds (CPU seconds of the app process)"
  local start=$1 p=$2 pid=$3
  for _ in $(seq 1 1200); do curl -fs "http://127.0.0.1:$p/health/ready" -o /dev/null && break; sleep 0.05; done
  curl -fs "http://127.0.0.1:$p/health/ready" -o /dev/null || { echo "instance on :$p not ready after 60 s" >&2; exit 1; }
  local wall; wall=$(echo "$(date +%s.%N) - $start" | bc)
  # utime + stime of the app so far, in clock ticks: the work of the start-up, whatever the machine's load.
  echo "$wall s (CPU $(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$pid/stat") s)"
}
load
start=$(date +%s.%N)
port_free "$port" || { echo "port $port is already in use" >&2; exit 1; }
serve "$port" "$work/app.log"
app_pid=$!
ready=$(wait_ready "$start" "$port" "$app_pid") || { echo "--- app log:"; tail -40 "$work/app.log"; exit 1; }
echo "start-up of the instance (process start → /health/ready 200): $ready"
objects=$(curl -fs -H "$auth" "http://127.0.0.1:$port/api/dcim/power-ports/?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
feeds=$(curl -fs -H "$auth" "http://127.0.0.1:$port/api/dcim/power-feeds/?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
echo "size $size on $provider, $objects power ports, $feeds power feeds, $writes sequential writes per operation"

if [ "$load_seconds" -gt 0 ]; then
  load
  $bench load "http://127.0.0.1:$port" 32 "$load_seconds" "$objects" "$feeds" || { echo "--- app log:"; tail -40 "$work/app.log"; exit 1; }
fi
if [ "$provider" = postgres ] && [ "${PROPAGATION:-0}" -gt 0 ]; then
  start=$(date +%s.%N)
  port_free "$port_b" || { echo "port $port_b is already in use" >&2; exit 1; }
  serve "$port_b" "$work/app-b.log"
  app_b_pid=$!
  ready=$(wait_ready "$start" "$port_b" "$app_b_pid") || { echo "--- B log:"; tail -40 "$work/app-b.log"; exit 1; }
  echo "start-up of instance B on the same database: $ready"
  load
  $bench propagation "http://127.0.0.1:$port" "http://127.0.0.1:$port_b" "$PROPAGATION" "${PROPAGATE:-feed}" || { echo "--- B log:"; tail -40 "$work/app-b.log"; exit 1; }
  kill "$app_b_pid"; wait "$app_b_pid" 2>/dev/null || true; app_b_pid=""
fi
load
import_arg="$work/topology.json"; [ "${IMPORT:-1}" = 0 ] && import_arg=""
$bench writes "http://127.0.0.1:$port" "$writes" $import_arg || { echo "--- app log:"; tail -40 "$work/app.log"; exit 1; }
load
if [ -n "${PG_STATS:-}" ] && [ "$provider" = postgres ]; then
  psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -d powermap -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" \
    -c "SELECT calls, round(total_exec_time::numeric, 1) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms, left(regexp_replace(query, '\s+', ' ', 'g'), 160) AS query
        FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 15" >"$PG_STATS"
fi
