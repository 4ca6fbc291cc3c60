#!/usr/bin/env bash
# Start-up: from process start to the first 200 for /.well-known/matrix/server (Host: example.com), for
# `delegation serve` (whose first 200 includes the table read) built as usual, the same published ReadyToRun
# (precompiled, so less JIT at start), and the bare Kestrel app; median of RUNS runs each, alternating, all pinned to
# core SERVER_CPU.
#
#   eng/startup.sh            # RUNS=7
source "$(dirname "$0")/perf-lib.sh"

RUNS="${RUNS:-7}"
PORT=18091
URL="http://127.0.0.1:$PORT/.well-known/matrix/server"

ensure_apt_tools curl
build_release
start_azurite
seed_demo_rows
echo "Publishing delegation ReadyToRun..."
dotnet publish "$ROOT/src/Delegation.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/r2r" -v quiet -nologo >/dev/null

time_to_first_200() { # command...
  local start end pid
  start=$(date +%s%N)
  taskset -c "$SERVER_CPU" "$@" >"$WORK/startup.log" 2>&1 &
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: example.com' "$URL" 2>/dev/null)" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "process exited:" >&2; cat "$WORK/startup.log" >&2; exit 1; }
    sleep 0.002
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

: >"$WORK/serve.txt"; : >"$WORK/r2r.txt"; : >"$WORK/bare.txt"
for run in $(seq 1 "$RUNS"); do
  s=$(time_to_first_200 dotnet "$CLI_DLL" serve --urls "http://127.0.0.1:$PORT" --connection-string "$CONNECTION_STRING" --table "$TABLE")
  r=$(time_to_first_200 dotnet "$WORK/r2r/delegation.dll" serve --urls "http://127.0.0.1:$PORT" --connection-string "$CONNECTION_STRING" --table "$TABLE")
  b=$(time_to_first_200 dotnet "$BENCH_DLL" bare-kestrel --urls "http://127.0.0.1:$PORT")
  echo "run $run: serve $s ms, serve ReadyToRun $r ms, bare Kestrel $b ms"
  echo "$s" >>"$WORK/serve.txt"; echo "$r" >>"$WORK/r2r.txt"; echo "$b" >>"$WORK/bare.txt"
done
echo "median to first 200 ($RUNS runs each): serve $(median <"$WORK/serve.txt") ms, serve ReadyToRun $(median <"$WORK/r2r.txt") ms, bare Kestrel $(median <"$WORK/bare.txt") ms"
