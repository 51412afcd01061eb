#!/usr/bin/env bash
# Compares, in one run, the cost of reaching the registry (a) directly, (b) through the CareHub
# gateway, (c) through nginx's gRPC proxy (Debian's nginx, grpc_pass) in front of the same
# backend, and (d) through the floor of a C++ forwarder (`carehub-bench --op forward-server`:
# unary calls on completion queues, nothing checked). Needs the suite running from scripts/run-local.sh (data folder as $1, default ./data).
# nginx only forwards: the principal is signed by the load generator itself (as with --direct),
# while the gateway authenticates an API key, applies the role table and rate limits, and signs.
# Usage: scripts/bench-gateway.sh [DATA_DIR] [REQUESTS] [CONCURRENCY]
set -euo pipefail
cd "$(dirname "$0")/.."
data="$(cd "${1:-data}" && pwd)"
requests="${2:-20000}"
concurrency="${3:-8}"
bench="${CAREHUB_BUILD_DIR:-build}/tools/carehub-bench/carehub-bench"

if ! command -v nginx >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light >/dev/null 2>&1 ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null
fi
ngx="$(mktemp -d /tmp/carehub-nginx.XXXXXX)"
trap 'nginx -p "$ngx" -c "$ngx/nginx.conf" -s stop 2>/dev/null || true; sleep 0.5; rm -rf "$ngx"' EXIT
cat >"$ngx/nginx.conf" <<CONF
worker_processes auto;
error_log $ngx/error.log warn;
pid $ngx/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $ngx/tmp;
  upstream registry { server 127.0.0.1:7101; keepalive 64; }
  server {
    listen 127.0.0.1:7300 http2;
    location / { grpc_pass grpc://registry; }
  }
}
CONF
nginx -p "$ngx" -c "$ngx/nginx.conf"
# A gateway of our own for the run, with rate limits off (they would cap one principal at 200/s).
bindir="${CAREHUB_BUILD_DIR:-build}"
"$bindir/services/gateway/carehub-gateway" --listen 127.0.0.1:7400 --api-keys-file "$data/api_keys.json" \
  --internal-key-file "$data/internal.key" --rate-per-principal 0 --rate-global 0 --log-level warn \
  --route carehub.registry=127.0.0.1:7101 >"$ngx/gateway.log" 2>&1 &
gw_pid=$!
"$bench" --op forward-server --addr 127.0.0.1:7500 --forward-to 127.0.0.1:7101 >"$ngx/floor.log" 2>&1 &
floor_pid=$!
trap 'kill $gw_pid $floor_pid 2>/dev/null; nginx -p "$ngx" -c "$ngx/nginx.conf" -s stop 2>/dev/null || true; sleep 0.5; rm -rf "$ngx"' EXIT
sleep 1

key="$(cat "$data/demo-officer.key")"
run() {  # label, args…
  local label=$1
  shift
  for op in get list; do
    "$bench" "$@" --op "$op" --concurrency "$concurrency" --requests "$requests" --seed-children 2000 \
      --run-id $((RANDOM % 90)) | sed "s/^{/{\"via\":\"$label\",/"
  done
}
run direct --direct --addr 127.0.0.1:7101 --internal-key-file "$data/internal.key"
run gateway --addr 127.0.0.1:7400 --api-key "$key"
run nginx --direct --addr 127.0.0.1:7300 --internal-key-file "$data/internal.key"
run floor --direct --addr 127.0.0.1:7500 --internal-key-file "$data/internal.key"
