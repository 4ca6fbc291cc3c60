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

if [ ! -x eng/azurite/node_modules/.bin/azurite-table ]; then
  (cd eng/azurite && npm install --no-audit --no-fund --loglevel=error)
fi

dotnet build tests/DelegationFunctions.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly
delegation() { dotnet src/Delegation.Cli/bin/Release/net10.0/delegation.dll "$@"; }

eng/azurite/node_modules/.bin/azurite-table --tableHost 127.0.0.1 --tablePort "$AZURITE_PORT" --inMemoryPersistence \
  --skipApiVersionCheck --disableTelemetry --silent &
AZURITE_PID=$!
WORK="$(mktemp -d)"
trap 'kill "$AZURITE_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$AZURITE_PORT") 2>/dev/null && break
  kill -0 "$AZURITE_PID" 2>/dev/null || { echo "error: Azurite exited; is port $AZURITE_PORT in use? Try AZURITE_PORT=10042 $0" >&2; exit 1; }
  sleep 0.1
done
export DelegationStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:${AZURITE_PORT}/devstoreaccount1;"

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
