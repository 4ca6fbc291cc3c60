#!/usr/bin/env bash
# Load test, one run, six entries side by side: `delegation serve` over Azurite with the demo row (host mode, and as
# `serve-path` the same process asked for the path-mode URL /example.com/.well-known/matrix/server), a bare Kestrel
# app answering the same document as a constant with the same headers, nginx (one worker) answering it from a `map` on
# $host, the function app itself as an isolated worker under the Functions host harness (worker gRPC protocol and the
# host's YARP hop per request), and a minimal isolated function app answering the constant through the same harness
# (the Functions model's own per-request cost). Each server is pinned to core SERVER_CPU, wrk (1 thread,
# 32 connections) to core CLIENT_CPU. Rounds are interleaved (serve, serve-path, bare, nginx, function, constant, ...) and
# the median of each is reported.
#
#   eng/loadtest.sh                 # DURATION=15 ROUNDS=3 CONNECTIONS=32
#   DURATION=30 ROUNDS=5 eng/loadtest.sh
source "$(dirname "$0")/perf-lib.sh"

DURATION="${DURATION:-15}"
ROUNDS="${ROUNDS:-3}"
CONNECTIONS="${CONNECTIONS:-32}"
SETTLE="${SETTLE:-3}"
SERVE_PORT=18081
BARE_PORT=18082
NGINX_PORT=18083
FUNCTION_PORT=18084
CONSTANT_PORT=18085
SERVERS="serve:$SERVE_PORT serve-path:$SERVE_PORT bare:$BARE_PORT nginx:$NGINX_PORT function:$FUNCTION_PORT constant:$CONSTANT_PORT"
PATH_SERVER="/.well-known/matrix/server"
# The path and Host each entry is asked with: path mode names the domain in the path, on the provider's host.
path_for() { if [ "$1" = serve-path ]; then echo "/example.com$PATH_SERVER"; else echo "$PATH_SERVER"; fi; }
host_for() { if [ "$1" = serve-path ]; then echo "delegation.provider.example"; else echo "example.com"; fi; }

ensure_apt_tools nginx wrk curl
build_release src/DelegationFunctions tests/FunctionsHostHarness tests/ConstantFunctionApp
start_azurite
seed_demo_rows

Delegation__MaxAgeSeconds=14400 taskset -c "$SERVER_CPU" dotnet "$CLI_DLL" serve --urls "http://127.0.0.1:$SERVE_PORT" \
  --connection-string "$CONNECTION_STRING" --table "$TABLE" >"$WORK/serve.log" 2>&1 &
PIDS+=($!)
taskset -c "$SERVER_CPU" dotnet "$BENCH_DLL" bare-kestrel --urls "http://127.0.0.1:$BARE_PORT" >"$WORK/bare.log" 2>&1 &
PIDS+=($!)
# The worker inherits the harness's environment (its app settings) and its core.
DelegationStorage="$CONNECTION_STRING" DelegationTable="$TABLE" Delegation__MaxAgeSeconds=14400 \
  taskset -c "$SERVER_CPU" dotnet "$HARNESS_DLL" "$FUNCTION_APP" "http://127.0.0.1:$FUNCTION_PORT" >"$WORK/function.log" 2>&1 &
PIDS+=($!)
taskset -c "$SERVER_CPU" dotnet "$HARNESS_DLL" "$CONSTANT_FUNCTION_APP" "http://127.0.0.1:$CONSTANT_PORT" >"$WORK/constant.log" 2>&1 &
PIDS+=($!)

wait_for_port "$BARE_PORT"
ETAG="$(curl -s -D - -o /dev/null -H 'Host: example.com' "http://127.0.0.1:$BARE_PORT$PATH_SERVER" 2>/dev/null | tr -d '\r' | awk -F': ' 'tolower($1) == "etag" { print $2 }' || true)"
mkdir -p "$WORK/nginx/logs"
cat >"$WORK/nginx/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  server_tokens off;
  map \$host \$delegation {
    example.com '{"m.server":"matrix.example.com:443"}';
    default '';
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location = $PATH_SERVER {
      if (\$delegation = '') { return 404; }
      default_type application/json;
      add_header Access-Control-Allow-Origin "*" always;
      add_header Access-Control-Allow-Methods "GET, HEAD, OPTIONS" always;
      add_header Access-Control-Allow-Headers "X-Requested-With, Content-Type, Authorization" always;
      add_header Cache-Control "public, max-age=14400, s-maxage=600";
      add_header ETag '$ETAG';
      return 200 \$delegation;
    }
  }
}
NGINX
NGINX_BIN="$(command -v nginx || echo /usr/sbin/nginx)"
taskset -c "$SERVER_CPU" "$NGINX_BIN" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" >"$WORK/nginx.log" 2>&1 &
PIDS+=($!)

for port in $SERVE_PORT $BARE_PORT $NGINX_PORT $FUNCTION_PORT $CONSTANT_PORT; do wait_for_port "$port"; done
for name_port in $SERVERS; do
  name="${name_port%%:*}" port="${name_port#*:}"
  body="$(curl -s -H "Host: $(host_for "$name")" "http://127.0.0.1:$port$(path_for "$name")")"
  [ "$body" = '{"m.server":"matrix.example.com:443"}' ] || { echo "$name answered '$body'" >&2; exit 1; }
  echo "== $name headers:"; curl -s -D - -o /dev/null -H "Host: $(host_for "$name")" "http://127.0.0.1:$port$(path_for "$name")" | tr -d '\r' | sed -n 's/^./   &/p'
done

# wrk prints latency with a unit; turn it into microseconds.
to_us() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); print v } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v * 1000 } else { sub(/s$/, "", v); print v * 1000000 } }'; }

run_wrk() { # name port seconds
  # The servers share one core: let the previous one finish what it queued (the harness's worker logs) first.
  sleep "$SETTLE"
  taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNECTIONS" -d"$3s" --latency -H "Host: $(host_for "$1")" "http://127.0.0.1:$2$(path_for "$1")" >"$WORK/wrk-$1.txt"
  if grep -q "Non-2xx" "$WORK/wrk-$1.txt"; then echo "$1 answered non-2xx under load:" >&2; cat "$WORK/wrk-$1.txt" >&2; exit 1; fi
  local rps p50 p99
  rps="$(awk '/^Requests\/sec:/ { print $2 }' "$WORK/wrk-$1.txt")"
  p50="$(awk '$1 == "50%" { print $2 }' "$WORK/wrk-$1.txt" | to_us)"
  p99="$(awk '$1 == "99%" { print $2 }' "$WORK/wrk-$1.txt" | to_us)"
  echo "$rps $p50 $p99" >>"$WORK/results-$1.txt"
  printf '   %-10s %10.0f req/s  p50 %7.0f us  p99 %7.0f us\n' "$1" "$rps" "$p50" "$p99"
}

echo "Warming up (5 s each)..."
for name_port in $SERVERS; do run_wrk "${name_port%%:*}" "${name_port#*:}" 5 >/dev/null; rm -f "$WORK/results-${name_port%%:*}.txt"; done
for round in $(seq 1 "$ROUNDS"); do
  echo "Round $round/$ROUNDS (${DURATION} s each, wrk -t1 -c$CONNECTIONS on core $CLIENT_CPU, servers on core $SERVER_CPU):"
  for name_port in $SERVERS; do run_wrk "${name_port%%:*}" "${name_port#*:}" "$DURATION"; done
done

col() { awk -v c="$2" '{ print $c }' "$WORK/results-$1.txt" | median; }
for name in serve serve-path bare nginx function constant; do
  var="${name//-/_}"
  eval "${var}_rps=$(col $name 1) ${var}_p50=$(col $name 2) ${var}_p99=$(col $name 3)"
done
echo
echo "Median of $ROUNDS rounds:"
printf '| %-22s | %10s | %9s | %9s |\n' "server" "requests/s" "p50 (us)" "p99 (us)"
printf '|%s|%s|%s|%s|\n' "------------------------" "------------" "-----------" "-----------"
printf '| %-22s | %10.0f | %9.0f | %9.0f |\n' "delegation serve" "$serve_rps" "$serve_p50" "$serve_p99"
printf '| %-22s | %10.0f | %9.0f | %9.0f |\n' "serve, path mode" "$serve_path_rps" "$serve_path_p50" "$serve_path_p99"
printf '| %-22s | %10.0f | %9.0f | %9.0f |\n' "bare Kestrel" "$bare_rps" "$bare_p50" "$bare_p99"
printf '| %-22s | %10.0f | %9.0f | %9.0f |\n' "nginx (1 worker)" "$nginx_rps" "$nginx_p50" "$nginx_p99"
printf '| %-22s | %10.0f | %9.0f | %9.0f |\n' "function app (harness)" "$function_rps" "$function_p50" "$function_p99"
printf '| %-22s | %10.0f | %9.0f | %9.0f |\n' "constant function" "$constant_rps" "$constant_p50" "$constant_p99"
echo
awk -v s="$serve_rps" -v sq="$serve_path_rps" -v sqp="$serve_path_p99" -v b="$bare_rps" -v n="$nginx_rps" -v sp="$serve_p99" -v bp="$bare_p99" -v f="$function_rps" -v c="$constant_rps" 'BEGIN {
  printf "serve/bare requests/s: %.2fx (target >= 0.85x)   serve/bare p99: %.2fx (target <= 1.5x)\n", s / b, sp / bp
  printf "serve path/host mode requests/s: %.2fx   p99: %.2fx\n", sq / s, sqp / sp
  printf "serve/nginx requests/s: %.2fx   bare/nginx requests/s: %.2fx\n", s / n, b / n
  printf "function/constant requests/s: %.2fx (target >= 1.3x)   function/serve: %.2fx   constant/serve: %.2fx\n", f / c, f / s, c / s
}'
