# Sourced by the eng/ scripts: installs Azurite from npm when missing (eng/azurite pins the version) and starts its
# table service in memory on a loopback port.
# shellcheck shell=bash

AZURITE_FOLDER="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/azurite"

# azurite_connection_string PORT: the well-known development account on that port.
azurite_connection_string() {
  echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$1/devstoreaccount1;"
}

# port_taken PORT: true when something on this machine accepts connections on 127.0.0.1:PORT (a listener on
# 0.0.0.0 or :: counts too: binding 127.0.0.1 on that port would fail or be shadowed).
port_taken() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# require_free_port PORT VARIABLE: fails with one line when PORT is not a port number or is taken; VARIABLE names
# the environment variable that chooses another.
require_free_port() {
  local port="$1" variable="$2"
  if ! [[ "$port" =~ ^[0-9]+$ ]] || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
    echo "error: $variable '$port' is not a port: give a number from 1 to 65535, like $variable=9000." >&2
    return 1
  fi
  if port_taken "$port"; then
    echo "error: port $port ($variable) is already in use by another process; stop it, or choose another port, like $variable=$((port + 1))." >&2
    return 1
  fi
}

# azurite_install: npm install in eng/azurite unless it is there already.
azurite_install() {
  if [ ! -x "$AZURITE_FOLDER/node_modules/.bin/azurite-table" ]; then
    command -v npm >/dev/null || { echo "error: npm is not on PATH; install Node.js 20 or later." >&2; return 1; }
    echo "Installing Azurite (npm)..." >&2
    (cd "$AZURITE_FOLDER" && npm install --no-audit --no-fund --loglevel=error >&2)
  fi
}

# azurite_start PORT [LAUNCHER...]: starts azurite-table in the background (its PID in AZURITE_PID), optionally
# under a launcher such as `taskset -c 1`, and returns once it listens.
azurite_start() {
  local port="$1"
  shift
  # Azurite exits when its port is taken, but the wait below would then find the other process's listener.
  require_free_port "$port" AZURITE_PORT
  azurite_install
  "$@" "$AZURITE_FOLDER/node_modules/.bin/azurite-table" --tableHost 127.0.0.1 --tablePort "$port" \
    --inMemoryPersistence --skipApiVersionCheck --disableProductStyleUrl --silent >/dev/null 2>&1 &
  AZURITE_PID=$!
  for _ in $(seq 1 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    kill -0 "$AZURITE_PID" 2>/dev/null || { echo "error: Azurite exited; is port $port in use? Set AZURITE_PORT to another port." >&2; return 1; }
    sleep 0.1
  done
  echo "error: Azurite did not listen on port $port within 30 s." >&2
  return 1
}
