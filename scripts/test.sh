#!/usr/bin/env bash
# Runs every test tier: installs what is missing, builds, starts a private MariaDB and a private
# three-node Galera cluster behind HAProxy on loopback, and runs the whole suite (unit, storage
# on SQLite, MariaDB and Galera, service, end-to-end, chaos) with the MySQL tiers required, so
# they cannot pass by being skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
scripts/install-deps.sh --with-mariadb
scripts/build.sh

run_dir="$(mktemp -d /tmp/carehub-test.XXXXXX)"
cleanup() {
  scripts/mariadb-private.sh stop "$run_dir/mariadb" || true
  scripts/galera-private.sh stop "$run_dir/galera" || true
  rm -rf "$run_dir"
}
trap cleanup EXIT
# Loopback ports unlikely to collide with a system server. Galera's 34 ports (from its base) stay
# below the kernel's ephemeral range, where an outgoing connection could take one first.
port="${CAREHUB_TEST_MYSQL_PORT:-$((33060 + RANDOM % 1000))}"
galera_base="${CAREHUB_TEST_GALERA_PORT:-$((20000 + RANDOM % 250 * 40))}"
# The cluster takes half a minute to form: it starts while MariaDB does.
scripts/galera-private.sh start "$run_dir/galera" "$galera_base" >"$run_dir/galera.url" 2>"$run_dir/galera.log" &
galera_pid=$!
CAREHUB_TEST_MYSQL_URL="$(scripts/mariadb-private.sh start "$run_dir/mariadb" "$port")"
wait "$galera_pid" || { cat "$run_dir/galera.log" >&2; exit 1; }
CAREHUB_TEST_GALERA_URL="$(cat "$run_dir/galera.url")"
export CAREHUB_TEST_MYSQL_URL CAREHUB_TEST_GALERA_URL CAREHUB_REQUIRE_MYSQL=1
echo "private MariaDB at 127.0.0.1:$port, Galera behind HAProxy at 127.0.0.1:$galera_base" >&2

ctest --test-dir "${CAREHUB_BUILD_DIR:-build}" --output-on-failure -j "${CAREHUB_TEST_JOBS:-2}" "$@"
echo "all tiers passed in $(($(date +%s) - start)) s" >&2
