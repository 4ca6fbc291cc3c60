#!/usr/bin/env bash
# Measures `delegation import` against a fresh in-memory Azurite, side by side with one sequential upsert at a time,
# and shows that `list` and `export` stream (peak memory for 1,000 vs 10,000 rows). Needs the .NET 10 SDK, Node.js
# and GNU time (/usr/bin/time). Usage: eng/import-benchmark.sh [rows=10000] [parallel=32]
# STREAM_COUNTS="1000 10000 50000" adds table sizes to the memory part.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS="${1:-10000}"
PARALLEL="${2:-32}"
AZURITE_PORT="${AZURITE_PORT:-10032}"

dotnet build tests/DelegationFunctions.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly
delegation() { dotnet src/Delegation.Cli/bin/Release/net10.0/delegation.dll "$@"; }

source eng/azurite.sh
azurite_start "$AZURITE_PORT"
WORK="$(mktemp -d)"
trap 'kill "$AZURITE_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
export DelegationStorage="$(azurite_connection_string "$AZURITE_PORT")"

echo "== Import speed: $ROWS rows (machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
dotnet tests/DelegationFunctions.Benchmarks/bin/Release/net10.0/DelegationFunctions.Benchmarks.dll import "$DelegationStorage" "$ROWS" "$PARALLEL" "$AZURITE_PID"

echo
echo "== Streaming: peak resident memory of list and export"
for count in ${STREAM_COUNTS:-1000 10000}; do
  awk -v n="$count" 'BEGIN { for (i = 0; i < n; i++) printf "{\"PartitionKey\":\"m%06d.example.com\",\"Server\":\"matrix%d.example.net:443\",\"ClientBaseUrl\":\"https://matrix%d.example.net\"}\n", i, i, i }' > "$WORK/rows.jsonl"
  delegation import "$WORK/rows.jsonl" --table "mem$count" > /dev/null
  list_kib=$( { /usr/bin/time -f '%M' dotnet src/Delegation.Cli/bin/Release/net10.0/delegation.dll list --table "mem$count" > /dev/null; } 2>&1 | tail -1)
  export_kib=$( { /usr/bin/time -f '%M' dotnet src/Delegation.Cli/bin/Release/net10.0/delegation.dll export --table "mem$count" > /dev/null; } 2>&1 | tail -1)
  echo "$count rows: list peak $((list_kib / 1024)) MiB, export peak $((export_kib / 1024)) MiB"
done
