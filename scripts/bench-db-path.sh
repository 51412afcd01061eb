#!/usr/bin/env bash
# The database path at one client, in one run on both backends: a bare gRPC call (echo), the
# primary-key select GetChild makes (raw sqlite3 / Connector/C++, and through common/db, from
# carehub-db-bench), and GetChild itself, direct to a registry holding ROWS imported children.
# Prints each figure and GetChild's ratio to echo + raw select (issue 17 asks for at most 2).
# Usage: scripts/bench-db-path.sh [ROWS] [REQUESTS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-100000}"
requests="${2:-10000}"
backend=mysql  # for bench_cleanup: stop the private MariaDB
source scripts/bench-lib.sh
bench_setup mysql dbpath 33710
mysql_url="$db_url"
sqlite_url="sqlite://$work/registry.db"
bench=("$bindir/tools/carehub-bench/carehub-bench" --direct --internal-key-file "$work/internal.key")

"${bench[@]}" --op echo-server --addr 127.0.0.1:7720 >"$work/echo.log" 2>&1 &
pids+=($!)
bench_start registry 7721 CAREHUB_DB_URL="$sqlite_url" CAREHUB_PII_KEY_FILE="$work/pii.key"
bench_start registry 7722 CAREHUB_DB_URL="$mysql_url" CAREHUB_PII_KEY_FILE="$work/pii.key"

field() { grep -o "\"$2\":[0-9.e+-]*" <<<"$1" | head -1 | cut -d: -f2; }
echo "# $rows children, $requests calls each, one client ($(nproc) cores, $(date -u +%F))"
for port in 7721 7722; do
  "${bench[@]}" --addr "127.0.0.1:$port" --villages 1000 --op import --requests "$rows" \
    --import-files $(( (rows + 99999) / 100000 )) | tail -1
done
"${bench[@]}" --addr 127.0.0.1:7720 --op echo --requests 1000 --concurrency 1 >/dev/null  # warm up
echo_line="$("${bench[@]}" --addr 127.0.0.1:7720 --op echo --requests "$requests" --concurrency 1)"
echo "$echo_line"
"$bindir/tools/db-bench/carehub-db-bench" --sqlite="$work/db-bench.db" --mysql="$mysql_url" \
  --benchmark_out="$work/db-bench.csv" --benchmark_out_format=csv
raw_ms() { awk -F, -v n="\"$1/pk_select/raw\"" '$1 == n { print $3 / 1e6 }' "$work/db-bench.csv"; }
for backend_port in sqlite:7721 mysql:7722; do
  name="${backend_port%%:*}"
  get_line="$("${bench[@]}" --addr "127.0.0.1:${backend_port##*:}" --villages 1000 --op get --requests "$requests" \
    --concurrency 1 --seed-children 20000)"
  echo "$get_line"
  awk -v b="$name" -v e="$(field "$echo_line" mean_ms)" -v s="$(raw_ms "$name")" -v g="$(field "$get_line" mean_ms)" \
    -v gp="$(field "$get_line" p50_ms)" 'BEGIN {
      printf "%s: echo %.3f ms + pk select %.3f ms = %.3f ms; GetChild mean %.3f ms (p50 %.3f): %.2fx\n",
             b, e, s, e + s, g, gp, g / (e + s) }'
done
