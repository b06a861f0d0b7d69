#!/usr/bin/env bash
# Start-up of an instance on a SIZE database (issue 14: XL ≤ 5 s): process start → first 200 of /health/ready, with the
# app's CPU seconds at that moment (/proc/PID/stat), RUNS times per provider, the instances one after the other.
# The database is made once per provider (generate SIZE, command-line import) and reused by every run.
# BASE_APP=/path/to/PowerMap.Web.dll also starts that build (e.g. an earlier commit's Release output) before each run of
# this one, on the same database, for a side-by-side reading on a busy machine. PROVIDERS="sqlite postgres" (default).
# Usage: benchmarks/startup.sh [S|M|XL] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-XL}"; runs="${2:-3}"; port="${PORT:-5291}"
work="$(mktemp -d)"; app_pid=""; pg_bin=""; pg_port=55441
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  [ -n "$pg_bin" ] && as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

dotnet build -c Release -nologo -v quiet src/PowerMap.Web >/dev/null
dotnet build -c Release -nologo -v quiet benchmarks/PowerMap.Benchmarks >/dev/null
dotnet benchmarks/PowerMap.Benchmarks/bin/Release/net10.0/PowerMap.Benchmarks.dll generate "$size" "$work/topology.json"
this_app="$PWD/src/PowerMap.Web/bin/Release/net10.0/PowerMap.Web.dll"
export PowerMap__DemoData=false ASPNETCORE_ENVIRONMENT=Production

# One start: prints "wall s (CPU s)"; the content root is the app's project folder, as api-writes.sh runs it.
start_once() { # dll
  local start pid wall
  curl -s -o /dev/null "http://127.0.0.1:$port/" && { echo "port $port is already in use" >&2; exit 1; }
  start=$(date +%s.%N)
  (cd src/PowerMap.Web && exec dotnet "$1" --urls "http://127.0.0.1:$port") >"$work/app.log" 2>&1 &
  app_pid=$!; pid=$app_pid
  for _ in $(seq 1 1200); do curl -fs "http://127.0.0.1:$port/health/ready" -o /dev/null && break; sleep 0.05; done
  curl -fs "http://127.0.0.1:$port/health/ready" -o /dev/null || { echo "not ready after 60 s" >&2; tail -20 "$work/app.log" >&2; exit 1; }
  wall=$(echo "$(date +%s.%N) - $start" | bc)
  echo "$wall s (CPU $(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$pid/stat") s)"
  kill "$pid"; wait "$pid" 2>/dev/null || true; app_pid=""
}

for provider in ${PROVIDERS:-sqlite postgres}; do
  case "$provider" in
    sqlite) export Database__Provider=Sqlite ConnectionStrings__PowerMap="Data Source=$work/powermap.db" ;;
    postgres)
      pg_bin="$(dirname "$(readlink -f "$(command -v initdb || ls -d /usr/lib/postgresql/*/bin/initdb | tail -1)")")"
      mkdir -p "$work/pg" && [ "$(id -u)" = 0 ] && chown postgres: "$work/pg" "$work"
      as_pg "$pg_bin/initdb" -D "$work/pg/data" -U postgres --auth=trust --encoding=UTF8 --locale=C >/dev/null
      as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w -t 60 \
        -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c synchronous_commit=off" start >/dev/null
      psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -c "CREATE DATABASE powermap" postgres
      export Database__Provider=Postgres ConnectionStrings__PowerMap="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=powermap" ;;
    *) echo "provider must be sqlite or postgres, not '$provider'" >&2; exit 2 ;;
  esac
  # The import with this build (its CPU too: the app's share of the work, whatever the load).
  (cd src/PowerMap.Web && /usr/bin/time -f "$size on $provider: command-line import %e s wall, CPU %U s user + %S s sys" \
    dotnet "$this_app" import "$work/topology.json" --replace) 2>&1 | grep -E "Imported|command-line import" || true
  for i in $(seq 1 "$runs"); do
    if [ -n "${BASE_APP:-}" ]; then echo "$provider run $i, BASE_APP: $(start_once "$BASE_APP"), load $(cut -d' ' -f1 /proc/loadavg)"; fi
    echo "$provider run $i, this build: $(start_once "$this_app"), load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
