#!/usr/bin/env bash
# REST write benchmark (issue 9): a generated installation SIZE (S or XL) in a fresh SQLite database, the app in Release
# on 127.0.0.1, then PowerMap.Benchmarks writes: p95 of PATCH/POST/DELETE of a power port (WRITES sequential requests each),
# 32 concurrent writers × 10 PATCHes without If-Match, a bulk POST of 10,000 ports, and the import of the SIZE document
# through the API (mode=replace, last).
# Usage: benchmarks/api-writes.sh S|XL [writes]
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-S}"; writes="${2:-100}"; port=5098
work="$(mktemp -d)"; app_pid=""
trap '[ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null; rm -rf "$work"' EXIT

dotnet build -c Release -nologo -v quiet src/PowerMap.Web >/dev/null
dotnet build -c Release -nologo -v quiet benchmarks/PowerMap.Benchmarks >/dev/null
bench="dotnet benchmarks/PowerMap.Benchmarks/bin/Release/net10.0/PowerMap.Benchmarks.dll"
$bench generate "$size" "$work/topology.json"

export ConnectionStrings__PowerMap="Data Source=$work/powermap.db" PowerMap__DemoData=false ASPNETCORE_ENVIRONMENT=Production
(cd src/PowerMap.Web && dotnet bin/Release/net10.0/PowerMap.Web.dll import "$work/topology.json" --replace)
# The API needs a token: an admin user and a write-enabled token for it, made with the command line.
(cd src/PowerMap.Web && dotnet bin/Release/net10.0/PowerMap.Web.dll user add bench --role admin >/dev/null)
export POWERMAP_TOKEN="$(cd src/PowerMap.Web && dotnet bin/Release/net10.0/PowerMap.Web.dll token add bench | tail -1)"
auth="Authorization: Token $POWERMAP_TOKEN"
(cd src/PowerMap.Web && exec dotnet bin/Release/net10.0/PowerMap.Web.dll --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1) &
app_pid=$!
for _ in $(seq 1 120); do curl -fs -H "$auth" "http://127.0.0.1:$port/api/power/report" -o /dev/null && break; sleep 0.5; done
objects=$(curl -fs -H "$auth" "http://127.0.0.1:$port/api/dcim/power-ports/?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
echo "size $size, $objects power ports, $writes sequential writes per operation"
$bench writes "http://127.0.0.1:$port" "$writes" "$work/topology.json" || { echo "--- app log:"; tail -40 "$work/app.log"; exit 1; }
