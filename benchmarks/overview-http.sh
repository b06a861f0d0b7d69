#!/usr/bin/env bash
# The capacity overview's server render over HTTP (issue 11: "overview server render for all sites at XL ≤ 300 ms"):
# the app in Release on 127.0.0.1 with a generated installation SIZE (M or XL), pages readable without signing in
# (Auth:AnonymousRead, so curl can fetch them), the background analysis warm-up off so that the first request pays for
# the whole single-failure sweep. GET / is the prerendered overview (every KPI, the At risk table and the charts in the
# HTML; the script checks that the answer holds the At risk table). Timed by curl: the first call after start (cold),
# then 10 more (warm), for all sites and for one site; then the first call after an edit (cold again).
# WARMER=true runs it as deployed (the analyses of each new snapshot warmed in the background after 1 s of quiet) and
# waits 3 s after each edit before the request.
# Usage: [WARMER=true] benchmarks/overview-http.sh M|XL
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-XL}"; port=5097
work="$(mktemp -d)"; app_pid=""
trap '[ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null; rm -rf "$work"' EXIT

dotnet build -c Release -nologo -v quiet src/PowerMap.Web >/dev/null
dotnet build -c Release -nologo -v quiet benchmarks/PowerMap.Benchmarks >/dev/null
dotnet benchmarks/PowerMap.Benchmarks/bin/Release/net10.0/PowerMap.Benchmarks.dll generate "$size" "$work/topology.json"

export ConnectionStrings__PowerMap="Data Source=$work/powermap.db" PowerMap__DemoData=false ASPNETCORE_ENVIRONMENT=Production
warmer="${WARMER:-false}"
export Auth__AnonymousRead=true Analysis__WarmInBackground=$warmer History__Enabled=false
(cd src/PowerMap.Web && dotnet bin/Release/net10.0/PowerMap.Web.dll import "$work/topology.json" --replace) >/dev/null
(cd src/PowerMap.Web && dotnet bin/Release/net10.0/PowerMap.Web.dll user add bench --role admin >/dev/null)
auth="Authorization: Token $(cd src/PowerMap.Web && dotnet bin/Release/net10.0/PowerMap.Web.dll token add bench | tail -1)"
(cd src/PowerMap.Web && exec dotnet bin/Release/net10.0/PowerMap.Web.dll --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1) &
app_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 240); do curl -fs "$base/health/ready" -o /dev/null && break; sleep 0.5; done
site=$(curl -fs -H "$auth" "$base/api/dcim/sites/?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["slug"])')

page() {
  curl -fs -o "$work/page.html" -w '%{time_total} %{size_download}\n' "$base$1"
  grep -q 'At risk' "$work/page.html" || { echo "no At risk table in $1" >&2; exit 1; }
}
row() {
  local name="$1"; shift
  local cold; cold=$(page "$1")
  local warm; warm=$(for _ in $(seq 1 10); do page "$1"; done | sort -n | awk '{t[NR]=$1} END {printf "%.1f / %.1f", t[int((NR+1)/2)]*1000, t[NR]*1000}')
  printf '| %s | %s | %.0f ms | %s ms |\n' "$name" "$(echo "$cold" | awk '{printf "%.0f KB", $2/1024}')" "$(echo "$cold" | awk '{print $1*1000}')" "$warm"
}
echo "size $size, warm-up in background: $warmer, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| page | HTML | first call (cold) | next 10: median / max |"
echo "|---|---|---|---|"
row "GET / (all sites)" "/"
row "GET /?site=$site" "/?site=$site"
port_id=$(curl -fs -H "$auth" "$base/api/dcim/power-ports/?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["id"])')
for i in 1 2 3; do
  curl -fs -H "$auth" -o /dev/null -X PATCH -H 'Content-Type: application/json' -d "{\"allocated_draw\": $((100 + i))}" "$base/api/dcim/power-ports/$port_id/"
  if [ "$warmer" = true ]; then sleep 3; what="3 s after edit $i (background warm-up on)"; else what="right after edit $i (cold: new report, sweep not warmed)"; fi
  printf '| GET / %s | %.0f ms |\n' "$what" "$(page / | awk '{print $1*1000}')"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
