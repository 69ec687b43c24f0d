#!/usr/bin/env bash
# Throughput and CPU per request of three token-path routes on the embedded
# platform from a checkout, for A/B comparisons between commits on the same
# quiet machine, with the bare Hono floor (one app, and two joined in-process)
# measured alongside:
#   git worktree add /tmp/before <rev> && (cd /tmp/before && deno install)
#   for i in 1 2; do tools/profile/ab.sh /tmp/before 18011; tools/profile/ab.sh . 18012; done
# CPU µs/request is the whole process's user + system time over the measured
# run (/proc/PID/stat) divided by the requests answered: unlike req/s, it does
# not depend on how much of the machine wrk takes.
# Add `--cpu-prof --cpu-prof-dir=DIR` via DENO_FLAGS to profile the platform under the load.
set -euo pipefail
dir=$1 port=$2 data=$(mktemp -d)
cd "$dir"

# measure PID URL [wrk args...]: "<req/s> req/s, <µs> µs CPU/request" over 5 s after a 2 s warm-up.
measure() {
  local pid=$1 url=$2
  shift 2
  wrk -t2 -c50 -d2s "$@" "$url" >/dev/null
  local before after rate
  before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  rate=$(wrk -t2 -c50 -d5s "$@" "$url" | awk '/Requests\/sec/ {print $2}')
  after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  local tick
  tick=$(getconf CLK_TCK)
  awk -v r="$rate" -v t=$((after - before)) -v hz="$tick" \
    'BEGIN { printf "%8.0f req/s %6.1f µs CPU/request\n", r, t / hz * 1e6 / (r * 5) }'
}

deno run -A tools/bench/bare_server.ts --port $((port + 1)) >/dev/null 2>&1 &
bare=$!
for _ in $(seq 1 60); do curl -sf "localhost:$((port + 1))/" >/dev/null && break; sleep 0.5; done
for path in / /hop; do
  echo "$(basename "$(pwd)") bare $path $(measure $bare "http://localhost:$((port + 1))$path")"
done
kill $bare

PORT=$port LOG_LEVEL=warn FITCONNECT_DATA_DIR=$data FITCONNECT_AUTH_IP_LIMIT=1000000000 \
  FITCONNECT_RATE_LIMIT_IP=1000000000 FITCONNECT_RATE_LIMIT_USER=1000000000 \
  deno run -A ${DENO_FLAGS:-} workers/embedded.ts >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -sf "localhost:$port/health" >/dev/null && break; sleep 0.5; done
token=$(curl -s -X POST "localhost:$port/v1/auth/register" -H 'content-type: application/json' \
  -d "{\"email\":\"ab$RANDOM@example.com\",\"password\":\"correct horse battery\",\"displayName\":\"AB\"}" |
  deno eval 'console.log(JSON.parse(await new Response(Deno.stdin.readable).text()).accessToken)')
for path in /.well-known/jwks.json /v1/auth/_bench /v1/me; do
  echo "$(basename "$(pwd)") $path $(measure $pid "http://localhost:$port$path" -H "authorization: Bearer $token")"
done
kill -INT $pid
wait $pid 2>/dev/null || true
rm -rf "$data"
