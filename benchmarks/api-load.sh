#!/usr/bin/env bash
# API load benchmark (issue 4): the generated installation SIZE (M or XL) in a fresh SQLite database, the app in
# Release on 127.0.0.1, then 32 concurrent clients for 20 s per endpoint (bounded loop in the benchmarks project).
# Usage: benchmarks/api-load.sh M|XL [clients] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-M}"; clients="${2:-32}"; seconds="${3:-20}"; port=5099
work="$(mktemp -d)"; app_pid=""
trap '[ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null; rm -rf "$work"' EXIT

dotnet build -c Release -nologo -v quiet src/PowerMap.Web >/dev/null
dotnet build -c Release -nologo -v quiet benchmarks/PowerMap.Benchmarks >/dev/null
bench="dotnet benchmarks/PowerMap.Benchmarks/bin/Release/net10.0/PowerMap.Benchmarks.dll"
$bench generate "$size" "$work/topology.json"

export ConnectionStrings__PowerMap="Data Source=$work/powermap.db" PowerMap__DemoData=false ASPNETCORE_ENVIRONMENT=Production
(cd src/PowerMap.Web && dotnet bin/Release/net10.0/PowerMap.Web.dll import "$work/topology.json" --replace)
(cd src/PowerMap.Web && exec dotnet bin/Release/net10.0/PowerMap.Web.dll --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1) &
app_pid=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/api/power/report" -o /dev/null && break; sleep 0.5; done
ports=$(curl -fs "http://127.0.0.1:$port/api/dcim/power-ports/?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
echo "size $size, $ports power ports, $clients clients, $seconds s per endpoint"
$bench load "http://127.0.0.1:$port" "$clients" "$seconds" "$ports"
