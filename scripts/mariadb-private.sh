#!/usr/bin/env bash
# A private MariaDB for tests: its own data directory, socket and loopback port, nothing shared
# with a system server. Prints the URL to use on stdout.
# Usage: scripts/mariadb-private.sh start DIR PORT | stop DIR
set -euo pipefail
cmd="${1:?start|stop}"
dir="${2:?directory}"

source "$(dirname "$0")/mariadb-lib.sh"

case "$cmd" in
start)
  port="${3:?port}"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  user_opt=()
  if [[ $(id -u) -eq 0 ]]; then user_opt=(--user=root); fi
  # A temporary directory of its own: two bootstraps sharing /tmp (this one and the Galera
  # tier's, started together by test.sh) once failed on a temporary table gone from under one.
  mkdir -p "$dir/tmp"
  if [[ ! -d "$dir/data/mysql" ]]; then
    mariadb-install-db --no-defaults --datadir="$dir/data" --tmpdir="$dir/tmp" "${user_opt[@]}" \
      --auth-root-authentication-method=socket --skip-test-db >"$dir/install.log" 2>&1 ||
      { cat "$dir/install.log" >&2; exit 1; }
  fi
  # Durability is relaxed (throw-away test data) unless CAREHUB_MARIADB_DURABLE=1, as the crash
  # tests need: with innodb_flush_log_at_trx_commit=2, MariaDB 10.11 lost an acknowledged commit
  # to a SIGKILL of mariadbd about one run in six. Production keeps the default, 1.
  durability=(--innodb-flush-log-at-trx-commit=2 --innodb-doublewrite=0)
  [[ "${CAREHUB_MARIADB_DURABLE:-0}" == 1 ]] && durability=(--innodb-flush-log-at-trx-commit=1)
  "$(mariadbd_bin)" --no-defaults --datadir="$dir/data" --tmpdir="$dir/tmp" --socket="$dir/mysqld.sock" \
    --port="$port" --bind-address=127.0.0.1 --pid-file="$dir/mysqld.pid" "${user_opt[@]}" \
    --log-error="$dir/error.log" --skip-log-bin --innodb-buffer-pool-size=256M \
    "${durability[@]}" --max-connections=500 \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_bin >/dev/null 2>&1 &
  for _ in $(seq 1 100); do
    if mariadb-admin --no-defaults --socket="$dir/mysqld.sock" -uroot ping >/dev/null 2>&1; then break; fi
    sleep 0.2
  done
  mariadb-admin --no-defaults --socket="$dir/mysqld.sock" -uroot ping >/dev/null 2>&1 ||
    { echo "private MariaDB did not start; see $dir/error.log" >&2; tail -20 "$dir/error.log" >&2; exit 1; }
  mariadb --no-defaults --socket="$dir/mysqld.sock" -uroot <<'SQL'
CREATE USER IF NOT EXISTS 'carehub'@'127.0.0.1' IDENTIFIED BY 'carehub-test';
CREATE USER IF NOT EXISTS 'carehub'@'localhost' IDENTIFIED BY 'carehub-test';
GRANT ALL PRIVILEGES ON *.* TO 'carehub'@'127.0.0.1';
GRANT ALL PRIVILEGES ON *.* TO 'carehub'@'localhost';
CREATE DATABASE IF NOT EXISTS carehub_test CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
SQL
  echo "mysql://carehub:carehub-test@127.0.0.1:$port/carehub_test"
  ;;
stop)
  if [[ -f "$dir/mysqld.pid" ]]; then
    pid="$(cat "$dir/mysqld.pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  ;;
*)
  echo "usage: $0 start DIR PORT | stop DIR" >&2
  exit 2
  ;;
esac
