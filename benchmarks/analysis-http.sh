#!/usr/bin/env bash
# The analyses over HTTP (issue 10) on a generated installation SIZE (M or XL): the app in Release on 127.0.0.1, then
# the first (cold: the single-failure sweep runs) and the next 10 calls (warm: cached per data revision) of
# /api/power/redundancy, /api/power/headroom and one what-if of a single feed, timed by curl.
# Usage: benchmarks/analysis-http.sh M|XL
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-XL}"; port=5098
work="$(mktemp -d)"; app_pid=""
trap '[ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null; rm -rf "$work"' EXIT

dotnet build -c Release -nologo -v quiet src/PowerMap.Web >/dev/null
dotnet build -c Release -nologo -v quiet benchmarks/PowerMap.Benchmarks >/dev/null
dotnet benchmarks/PowerMap.Benchmarks/bin/Release/net10.0/PowerMap.Benchmarks.dll generate "$size" "$work/topology.json"

export ConnectionStrings__PowerMap="Data Source=$work/powermap.db" PowerMap__DemoData=false ASPNETCORE_ENVIRONMENT=Production
(cd src/PowerMap.Web && dotnet bin/Release/net10.0/PowerMap.Web.dll import "$work/topology.json" --replace) >/dev/null
# The API needs a token: an admin user and a token for it, made with the command line.
(cd src/PowerMap.Web && dotnet bin/Release/net10.0/PowerMap.Web.dll user add bench --role admin >/dev/null)
auth="Authorization: Token $(cd src/PowerMap.Web && dotnet bin/Release/net10.0/PowerMap.Web.dll token add bench | tail -1)"
(cd src/PowerMap.Web && exec dotnet bin/Release/net10.0/PowerMap.Web.dll --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1) &
app_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 240); do curl -fs -H "$auth" "$base/api/power/report" -o /dev/null && break; sleep 0.5; done
feed=$(curl -fs -H "$auth" "$base/api/dcim/power-feeds/?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["id"])')
body="{\"failed\": [{\"object_type\": \"dcim.powerfeed\", \"object_id\": $feed}]}"

time_get() { curl -fs -H "$auth" -o /dev/null -w '%{time_total} %{size_download}\n' "$base$1"; }
time_post() { curl -fs -H "$auth" -o /dev/null -w '%{time_total} %{size_download}\n' -H 'Content-Type: application/json' -d "$body" "$base$1"; }
report() {
  local name="$1"; shift
  local cold; cold=$("$@")
  local warm; warm=$(for _ in $(seq 1 10); do "$@"; done | sort -n | awk '{t[NR]=$1} END {print t[int((NR+1)/2)]}')
  printf '| %s | %s | %.0f ms | %.1f ms (median of 10) |\n' "$name" "$(echo "$cold" | awk '{printf "%.0f KB", $2/1024}')" "$(echo "$cold" | awk '{print $1*1000}')" "$(echo "$warm" | awk '{print $1*1000}')"
}
echo "size $size"
echo "| request | answer | first call | next calls |"
echo "|---|---|---|---|"
report "GET /api/power/redundancy" time_get /api/power/redundancy
report "GET /api/power/headroom" time_get /api/power/headroom
report "POST /api/power/what-if (one feed)" time_post /api/power/what-if

# After an edit: the analyses of the new snapshot are warmed in the background once the data is quiet (AnalysisWarmer);
# a reader 3 s after the edit should find the sweep done.
port_id=$(curl -fs -H "$auth" "$base/api/dcim/power-ports/?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["id"])')
for i in 1 2 3; do
  curl -fs -H "$auth" -o /dev/null -X PATCH -H 'Content-Type: application/json' -d "{\"allocated_draw\": $((100 + i))}" "$base/api/dcim/power-ports/$port_id/"
  sleep 3
  printf '| GET /api/power/redundancy, 3 s after edit %d | %.0f ms |\n' "$i" "$(time_get /api/power/redundancy | awk '{print $1*1000}')"
done
