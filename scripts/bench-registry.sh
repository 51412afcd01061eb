#!/usr/bin/env bash
# The registry at scale: starts a registry of its own on a fresh database (SQLite file, a
# private MariaDB, or a private Galera cluster behind HAProxy), imports ROWS children through
# ImportChildren (files of 100,000 rows, spread over 1,000 villages), then measures CreateChild,
# GetChild and ListChildren(50) with CONCURRENCY clients calling the registry directly (principal
# signed by the load generator, no gateway).
# Usage: scripts/bench-registry.sh sqlite|mysql|galera [ROWS] [CONCURRENCY] [REQUESTS]
set -euo pipefail
cd "$(dirname "$0")/.."
backend="${1:?sqlite or mysql}"
rows="${2:-1000000}"
concurrency="${3:-8}"
requests="${4:-20000}"
bindir="${CAREHUB_BUILD_DIR:-build}"
work="$(mktemp -d /tmp/carehub-bench.XXXXXX)"
port=7601
cleanup() {
  [[ -n "${registry_pid:-}" ]] && kill "$registry_pid" 2>/dev/null && wait "$registry_pid" 2>/dev/null || true
  [[ "$backend" == mysql ]] && scripts/mariadb-private.sh stop "$work/mariadb" >/dev/null 2>&1 || true
  [[ "$backend" == galera ]] && scripts/galera-private.sh stop "$work/galera" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

"$bindir/tools/carehubctl/carehubctl" genkey >"$work/internal.key"
"$bindir/tools/carehubctl/carehubctl" genkey >"$work/pii.key"
if [[ "$backend" == mysql ]]; then
  url="$(scripts/mariadb-private.sh start "$work/mariadb" 33700)"
elif [[ "$backend" == galera ]]; then
  url="$(scripts/galera-private.sh start "$work/galera" "${CAREHUB_BENCH_GALERA_PORT:-21000}")"
else
  url="sqlite://$work/registry.db"
fi
CAREHUB_DB_URL="$url" CAREHUB_LISTEN="127.0.0.1:$port" CAREHUB_INTERNAL_KEY_FILE="$work/internal.key" \
  CAREHUB_PII_KEY_FILE="$work/pii.key" CAREHUB_LOG_LEVEL=warn \
  "$bindir/services/registry/carehub-registry" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 100); do
  "$bindir/tools/carehubctl/carehubctl" --addr "127.0.0.1:$port" health >/dev/null 2>&1 && break
  sleep 0.2
done

bench=("$bindir/tools/carehub-bench/carehub-bench" --addr "127.0.0.1:$port" --direct
       --internal-key-file "$work/internal.key" --villages 1000)
echo "# $backend, $rows children ($(nproc) cores, $(date -u +%F))"
"${bench[@]}" --op import --requests "$rows" --import-files $(( (rows + 99999) / 100000 ))
if [[ "$backend" == sqlite ]]; then
  echo "{\"database_bytes\": $(du -cb "$work"/registry.db* | tail -1 | cut -f1)}"
fi
# One registration per call: the write path (a transaction with its identity claim and audit).
"${bench[@]}" --op create --requests "$requests" --concurrency "$concurrency" --run-id 7
"${bench[@]}" --op get --requests "$requests" --concurrency "$concurrency" --seed-children 20000
"${bench[@]}" --op list --requests "$requests" --concurrency "$concurrency"
"${bench[@]}" --op get --requests 5000 --concurrency 1 --seed-children 20000
"${bench[@]}" --op list --requests 5000 --concurrency 1
