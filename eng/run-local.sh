#!/usr/bin/env bash
# Runs the delegation service locally: Azurite (from npm, in memory), a demo delegation for example.com, and
# `delegation serve` on a loopback port. Needs the .NET 10 SDK and Node.js. Ctrl+C stops everything.
#
#   eng/run-local.sh               # delegation serve
#   eng/run-local.sh --functions   # the function app itself, as an isolated worker under the Functions host
#                                  # harness (worker gRPC protocol + the host's YARP hop), without Core Tools
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=serve
case "${1:-}" in
  "") ;;
  --functions) MODE=functions ;;
  *) echo "usage: eng/run-local.sh [--functions]" >&2; exit 2 ;;
esac

PORT="${PORT:-8080}"
AZURITE_PORT="${AZURITE_PORT:-10002}"

# Before building or seeding: a taken port would send the demo rows to someone else's Azurite, or fail the
# service's start after the build.
source eng/azurite.sh
require_free_port "$PORT" PORT
require_free_port "$AZURITE_PORT" AZURITE_PORT
if [ "$PORT" = "$AZURITE_PORT" ]; then
  echo "error: PORT and AZURITE_PORT are both $PORT; choose two ports, like PORT=$PORT AZURITE_PORT=$((PORT + 1))." >&2
  exit 1
fi

for tool in dotnet node npm; do
  command -v "$tool" >/dev/null || { echo "error: '$tool' is not on PATH. Install the .NET 10 SDK and Node.js 20 or later." >&2; exit 1; }
done

echo "Building the delegation tool..."
dotnet build src/Delegation.Cli -c Release -nologo -v quiet -clp:ErrorsOnly
if [ "$MODE" = functions ]; then
  echo "Building the function app and the Functions host harness..."
  dotnet build src/DelegationFunctions -c Release -nologo -v quiet -clp:ErrorsOnly
  dotnet build tests/FunctionsHostHarness -c Release -nologo -v quiet -clp:ErrorsOnly
fi
delegation() { dotnet src/Delegation.Cli/bin/Release/net10.0/delegation.dll "$@"; }

echo "Starting Azurite on 127.0.0.1:${AZURITE_PORT} (in memory)..."
azurite_start "$AZURITE_PORT"
# The server runs in the background and the script waits for it, so a SIGTERM to this script stops the server too
# (a foreground child would keep running while bash waits for it); Ctrl+C still stops everything.
SERVER_PID=""
trap 'kill $SERVER_PID "$AZURITE_PID" 2>/dev/null || true' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export DelegationStorage="$(azurite_connection_string "$AZURITE_PORT")"
export DelegationTable="delegations"

echo "Seeding the demo delegations for example.com and localhost (so a browser can open the URLs directly)..."
for domain in example.com localhost; do
  delegation set "$domain" \
    --server matrix.example.com:443 \
    --client-base-url https://matrix.example.com \
    --support '{"contacts":[{"matrix_id":"@admin:example.com","email_address":"admin@example.com","role":"m.role.admin"}],"support_page":"https://example.com/support"}'
done

cat <<EOT

Try it:
  curl -i -H 'Host: example.com' http://127.0.0.1:${PORT}/.well-known/matrix/server
  curl -i -H 'Host: func-x.azurewebsites.net' -H 'X-Azure-FDID: local-front-door' -H 'X-Delegation-Host: example.com' http://127.0.0.1:${PORT}/.well-known/matrix/server   # as Front Door sends it
  curl -i -H 'Host: example.com' http://127.0.0.1:${PORT}/.well-known/matrix/client
  curl -i -H 'Host: example.com' http://127.0.0.1:${PORT}/.well-known/matrix/support
  curl -i -H 'Host: unknown.example' http://127.0.0.1:${PORT}/.well-known/matrix/server

In a browser: http://localhost:${PORT}/.well-known/matrix/client

Check it as a federating server would (the documents from here, the homeserver where they point):
  dotnet src/Delegation.Cli/bin/Release/net10.0/delegation.dll check example.com --via http://127.0.0.1:${PORT}

Add more in another terminal (same table):
  export DelegationStorage='${DelegationStorage}'
  dotnet src/Delegation.Cli/bin/Release/net10.0/delegation.dll set other.example --server matrix.other.example:8448

EOT
export FrontDoorId="local-front-door"
if [ "$MODE" = functions ]; then
  # The worker gets this environment as its app settings, as on Azure.
  dotnet tests/FunctionsHostHarness/bin/Release/net10.0/FunctionsHostHarness.dll \
    src/DelegationFunctions/bin/Release/net10.0 "http://127.0.0.1:${PORT}" &
else
  dotnet src/Delegation.Cli/bin/Release/net10.0/delegation.dll serve --urls "http://127.0.0.1:${PORT}" &
fi
SERVER_PID=$!
wait "$SERVER_PID"
