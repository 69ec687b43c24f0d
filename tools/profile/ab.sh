#!/usr/bin/env bash
# Throughput of three token-path routes on the embedded platform from a
# checkout, for A/B comparisons between commits on the same quiet machine:
#   git worktree add /tmp/before <rev> && (cd /tmp/before && deno install)
#   for i in 1 2; do tools/profile/ab.sh /tmp/before 18011; tools/profile/ab.sh . 18012; done
# Add `--cpu-prof --cpu-prof-dir=DIR` via DENO_FLAGS to profile the platform under the load.
set -euo pipefail
dir=$1 port=$2 data=$(mktemp -d)
cd "$dir"
PORT=$port LOG_LEVEL=warn FITCONNECT_DATA_DIR=$data FITCONNECT_AUTH_IP_LIMIT=1000000000 \
  FITCONNECT_RATE_LIMIT_IP=1000000000 FITCONNECT_RATE_LIMIT_USER=1000000000 \
  deno run -A ${DENO_FLAGS:-} workers/embedded.ts >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -sf "localhost:$port/health" >/dev/null && break; sleep 0.5; done
token=$(curl -s -X POST "localhost:$port/v1/auth/register" -H 'content-type: application/json' \
  -d "{\"email\":\"ab$RANDOM@example.com\",\"password\":\"correct horse battery\",\"displayName\":\"AB\"}" |
  deno eval 'console.log(JSON.parse(await new Response(Deno.stdin.readable).text()).accessToken)')
for path in /.well-known/jwks.json /v1/auth/_bench /v1/me; do
  wrk -t2 -c50 -d2s -H "authorization: Bearer $token" "http://localhost:$port$path" >/dev/null
  rate=$(wrk -t2 -c50 -d5s -H "authorization: Bearer $token" "http://localhost:$port$path" |
    awk '/Requests\/sec/ {print $2}')
  echo "$(basename "$(pwd)") $path $rate req/s"
done
kill -INT $pid; wait $pid 2>/dev/null || true; rm -rf "$data"
