# Shared by eng/loadtest.sh, eng/startup.sh and eng/benchmarks.sh: tools, Release builds, Azurite with the demo row.
# shellcheck shell=bash
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d /tmp/delegation-perf.XXXXXX)"
PIDS=()
AZURITE_PORT="${AZURITE_PORT:-10112}"
# shellcheck source=eng/azurite.sh
source "$ROOT/eng/azurite.sh"
CONNECTION_STRING="$(azurite_connection_string "$AZURITE_PORT")"
TABLE="delegations"
CLI_DLL="$ROOT/src/Delegation.Cli/bin/Release/net10.0/delegation.dll"
BENCH_DLL="$ROOT/tests/DelegationFunctions.Benchmarks/bin/Release/net10.0/DelegationFunctions.Benchmarks.dll"
HARNESS_DLL="$ROOT/tests/FunctionsHostHarness/bin/Release/net10.0/FunctionsHostHarness.dll"
FUNCTION_APP="$ROOT/src/DelegationFunctions/bin/Release/net10.0"
CONSTANT_FUNCTION_APP="$ROOT/tests/ConstantFunctionApp/bin/Release/net10.0"
# The server side gets core 0, the load generator core 1 (override with SERVER_CPU / CLIENT_CPU).
SERVER_CPU="${SERVER_CPU:-0}"
CLIENT_CPU="${CLIENT_CPU:-1}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_apt_tools() {
  local missing=()
  for tool in "$@"; do command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || missing+=("$tool"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} with apt-get..."
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

build_release() {
  echo "Building Release..."
  for project in src/Delegation.Cli tests/DelegationFunctions.Benchmarks "$@"; do
    dotnet build -c Release "$ROOT/$project" -v quiet -nologo >/dev/null
  done
}

start_azurite() {
  azurite_start "$AZURITE_PORT" taskset -c "$CLIENT_CPU"
  PIDS+=("$AZURITE_PID")
}

seed_demo_rows() {
  dotnet "$CLI_DLL" set example.com --server matrix.example.com:443 --connection-string "$CONNECTION_STRING" --table "$TABLE" >/dev/null
}

wait_for_port() {
  for _ in $(seq 1 600); do
    (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.05
  done
  echo "Nothing listens on port $1" >&2
  return 1
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
