#!/usr/bin/env bash
# Runs every PowerMap test on a fresh Debian machine with the .NET 10 SDK:
# installs Chromium (for the Playwright browser tests) and PostgreSQL (for the PostgreSQL tests) if missing, restores the local tools, builds, tests.
# Prints "N passed, N failed" last; exits non-zero when a test fails.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Chromium for the browser tests..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
# PostgreSQL for the tests that also run on it: they start a throwaway cluster (initdb/pg_ctl in a temp dir, no service).
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "Installing PostgreSQL for the PostgreSQL tests..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
# nginx for the test that runs docs/deploy.md's proxy site in front of two instances (started in a temp dir, no service).
if [ ! -x /usr/sbin/nginx ] && ! command -v nginx >/dev/null 2>&1; then
  echo "Installing nginx for the reverse-proxy test..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nginx-light >/dev/null
fi
export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium)}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet tool restore >/dev/null
dotnet build PowerMap.sln -c Debug -warnaserror -nologo -v quiet

rm -rf TestResults/results.ctrf.json
set +e
dotnet test --project tests/PowerMap.Tests --no-build \
  --report-xunit-ctrf --report-xunit-ctrf-filename results.ctrf.json \
  --results-directory "$PWD/TestResults" "$@"
rc=$?
set -e

if [ -f TestResults/results.ctrf.json ]; then
  python3 - <<'PY'
import json
r = json.load(open("TestResults/results.ctrf.json"))["results"]
# The failed tests again, right above the summary, so a truncated log still names them.
for t in r.get("tests", []):
    if t.get("status") == "failed":
        msg = " ".join((t.get("message") or "").split())[:400]
        print(f"FAILED {t.get('name')}: {msg}")
s = r["summary"]
print(f"{s['passed']} passed, {s['failed']} failed")
PY
else
  echo "0 passed, 1 failed"
  [ $rc -eq 0 ] && rc=1
fi
exit $rc
