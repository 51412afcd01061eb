#!/usr/bin/env bash
# Runs every test tier: installs what is missing, builds, starts a private MariaDB on loopback,
# and runs the whole suite (unit, storage on SQLite and MariaDB, service, end-to-end) with the
# MySQL tier required, so it cannot pass by being skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
scripts/install-deps.sh --with-mariadb
scripts/build.sh

run_dir="$(mktemp -d /tmp/carehub-test.XXXXXX)"
cleanup() {
  scripts/mariadb-private.sh stop "$run_dir/mariadb" || true
  rm -rf "$run_dir"
}
trap cleanup EXIT
# A loopback port unlikely to collide with a system server.
port="${CAREHUB_TEST_MYSQL_PORT:-$((33060 + RANDOM % 1000))}"
CAREHUB_TEST_MYSQL_URL="$(scripts/mariadb-private.sh start "$run_dir/mariadb" "$port")"
export CAREHUB_TEST_MYSQL_URL CAREHUB_REQUIRE_MYSQL=1
echo "private MariaDB at 127.0.0.1:$port" >&2

ctest --test-dir "${CAREHUB_BUILD_DIR:-build}" --output-on-failure -j "${CAREHUB_TEST_JOBS:-2}" "$@"
echo "all tiers passed in $(($(date +%s) - start)) s" >&2
