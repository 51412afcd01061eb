#!/usr/bin/env bash
# A private three-node MariaDB Galera cluster with HAProxy in front, all on 127.0.0.1 (own data
# folders and ports, nothing shared with a system server), for the Galera test tier and the chaos
# test. Prints the URL to use (through HAProxy) on stdout.
#
# Usage: scripts/galera-private.sh start DIR BASEPORT   three nodes + HAProxy; waits until all are synced
#        scripts/galera-private.sh stop DIR             everything, nodes last
#        scripts/galera-private.sh kill DIR N           SIGKILL node N (1-3)
#        scripts/galera-private.sh restart DIR N        node N again: recovers its position, rejoins
#                                                      (IST from a donor), returns once it is synced
#        scripts/galera-private.sh state DIR N          node N's wsrep_local_state_comment
#        scripts/galera-private.sh sql DIR N SQL        runs SQL as root on node N (tab-separated)
#
# Ports from BASEPORT: HAProxy BASEPORT, node N's SQL BASEPORT+N, group communication
# BASEPORT+10+N, incremental state transfer BASEPORT+20+N, full state transfer BASEPORT+30+N.
#
# HAProxy sends every new connection to one writer (node 1, the others are backups) and to the
# next synced node while it is down. When node 1 is back, new connections go to it while pooled
# ones stay where they are, so for a while two nodes take writes: Galera certifies them and a
# conflict fails one COMMIT with a deadlock (1213), which the services retry as a whole
# transaction. (HAProxy 2.6's stick tables did not keep the failover choice here: tried, the
# entry still named node 1.) Its health check is scripts/galera-check.sh: a node counts only when Galera
# says Synced (wsrep_local_state 4), not merely when it accepts connections.
set -euo pipefail
cmd="${1:?start|stop|kill|restart|state|sql}"
dir="${2:?directory}"
here="$(cd "$(dirname "$0")" && pwd)"
check_password="carehub-check"

source "$here/mariadb-lib.sh"

galera_provider() {
  for p in /usr/lib/galera/libgalera_smm.so /usr/lib/libgalera_smm.so /usr/lib/x86_64-linux-gnu/galera/libgalera_smm.so; do
    [[ -f "$p" ]] && { echo "$p"; return; }
  done
  echo "libgalera_smm.so not found (apt-get install galera-4)" >&2
  exit 1
}

base_port() { cat "$dir/baseport"; }
node_dir() { echo "$dir/node$1"; }
client() { mariadb --no-defaults --socket="$(node_dir "$1")/mysqld.sock" -uroot -N -B "${@:2}"; }

# One option file per node, so the state transfer scripts (which read it) see the same settings.
write_config() {
  local n="$1" base="$2" nd
  nd="$(node_dir "$n")"
  local user_line=""
  [[ $(id -u) -eq 0 ]] && user_line="user = root"
  cat >"$nd/my.cnf" <<EOF
[mysqld]
datadir = $nd/data
tmpdir = $nd/tmp
socket = $nd/mysqld.sock
pid-file = $nd/mysqld.pid
log-error = $nd/error.log
port = $((base + n))
bind-address = 127.0.0.1
$user_line
character-set-server = utf8mb4
collation-server = utf8mb4_bin
max-connections = 500
innodb-buffer-pool-size = 128M
# A commit is acknowledged once the cluster has certified it, so a lost node's last second is on
# the other two; the log is flushed each second (Galera's usual setting).
innodb-flush-log-at-trx-commit = 2
innodb-doublewrite = 0
skip-log-bin
binlog-format = ROW
default-storage-engine = InnoDB
innodb-autoinc-lock-mode = 2
wsrep-on = ON
wsrep-provider = $(galera_provider)
wsrep-cluster-name = carehub-test
wsrep-node-name = node$n
wsrep-node-address = 127.0.0.1:$((base + 10 + n))
wsrep-cluster-address = gcomm://127.0.0.1:$((base + 11)),127.0.0.1:$((base + 12)),127.0.0.1:$((base + 13))
wsrep-sst-method = mariabackup
wsrep-sst-receive-address = 127.0.0.1:$((base + 30 + n))
wsrep-provider-options = "gmcast.listen_addr=tcp://127.0.0.1:$((base + 10 + n));ist.recv_addr=127.0.0.1:$((base + 20 + n));gcache.size=256M"
wsrep-slave-threads = 2
EOF
}

wait_synced() {
  local n="$1" state=""
  for _ in $(seq 1 300); do
    state="$(client "$n" -e "SHOW GLOBAL STATUS LIKE 'wsrep_local_state'" 2>/dev/null | cut -f2 || true)"
    [[ "$state" == 4 ]] && return 0
    sleep 0.2
  done
  echo "galera node $n is not synced (state '${state}'); see $(node_dir "$n")/error.log" >&2
  tail -30 "$(node_dir "$n")/error.log" >&2
  return 1
}

# Starts node N's mariadbd in the background (extra options after N); returns at once.
launch() {
  local n="$1" nd
  nd="$(node_dir "$n")"
  "$(mariadbd_bin)" --defaults-file="$nd/my.cnf" "${@:2}" >>"$nd/stdout.log" 2>&1 &
}

# The position a node killed mid-write had reached, so that it rejoins with an incremental
# transfer rather than a full copy (what Debian's galera_recovery does for systemd).
recovered_position() {
  local nd
  nd="$(node_dir "$1")"
  "$(mariadbd_bin)" --defaults-file="$nd/my.cnf" --wsrep-recover --log-error="$nd/recover.log" >/dev/null 2>&1 || true
  sed -n 's/.*WSREP: Recovered position: *\([^ ]*\).*/\1/p' "$nd/recover.log" | tail -1
}

stop_pid() {
  local file="$1" pid
  [[ -f "$file" ]] || return 0
  pid="$(cat "$file")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

case "$cmd" in
start)
  base="${3:?base port}"
  for tool in haproxy mariabackup socat; do
    command -v "$tool" >/dev/null || { echo "$tool not found (scripts/install-deps.sh --with-mariadb)" >&2; exit 1; }
  done
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  echo "$base" >"$dir/baseport"
  user_opt=()
  [[ $(id -u) -eq 0 ]] && user_opt=(--user=root)
  for n in 1 2 3; do
    mkdir -p "$(node_dir "$n")/tmp"
    write_config "$n" "$base"
  done
  # Only the first node needs a system database: the others receive everything from it.
  if [[ ! -d "$(node_dir 1)/data/mysql" ]]; then
    mariadb-install-db --no-defaults --datadir="$(node_dir 1)/data" --tmpdir="$(node_dir 1)/tmp" "${user_opt[@]}" \
      --auth-root-authentication-method=socket --skip-test-db >"$dir/install.log" 2>&1 ||
      { cat "$dir/install.log" >&2; exit 1; }
  fi
  launch 1 --wsrep-new-cluster
  wait_synced 1
  client 1 <<SQL
CREATE USER IF NOT EXISTS 'carehub'@'127.0.0.1' IDENTIFIED BY 'carehub-test';
CREATE USER IF NOT EXISTS 'carehub'@'localhost' IDENTIFIED BY 'carehub-test';
GRANT ALL PRIVILEGES ON *.* TO 'carehub'@'127.0.0.1';
GRANT ALL PRIVILEGES ON *.* TO 'carehub'@'localhost';
CREATE USER IF NOT EXISTS 'clustercheck'@'127.0.0.1' IDENTIFIED BY '$check_password';
CREATE DATABASE IF NOT EXISTS carehub_test CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
SQL
  for n in 2 3; do
    mkdir -p "$(node_dir "$n")/data"
    launch "$n"
    wait_synced "$n"
  done
  # The check's account, in a file only root reads, named by a wrapper (HAProxy empties the
  # environment of its checks).
  (umask 077; printf '[client]\nuser = clustercheck\npassword = %s\n' "$check_password" >"$dir/check.cnf")
  printf '#!/bin/sh\nGALERA_CHECK_DEFAULTS=%s exec %s "$@"\n' "$dir/check.cnf" "$here/galera-check.sh" >"$dir/check.sh"
  chmod 0700 "$dir/check.sh"
  cat >"$dir/haproxy.cfg" <<EOF
global
  maxconn 4000
  pidfile $dir/haproxy.pid
  external-check
  insecure-fork-wanted
defaults
  mode tcp
  timeout connect 2s
  # Pooled connections sit idle between calls: as long as the server's own wait_timeout.
  timeout client 8h
  timeout server 8h
  timeout check 2s
listen carehub-mysql
  bind 127.0.0.1:$base
  option external-check
  external-check path "/usr/bin:/bin:/usr/sbin"
  external-check command $dir/check.sh
  # Three failed checks in a row, not two: under load a check of a healthy node can time out,
  # and marking it down ends every session on it.
  default-server inter 500ms fall 3 rise 2 on-marked-down shutdown-sessions
  server node1 127.0.0.1:$((base + 1)) check
  server node2 127.0.0.1:$((base + 2)) check backup
  server node3 127.0.0.1:$((base + 3)) check backup
EOF
  haproxy -D -f "$dir/haproxy.cfg" >"$dir/haproxy.log" 2>&1 ||
    { cat "$dir/haproxy.log" >&2; exit 1; }
  url="mysql://carehub:carehub-test@127.0.0.1:$base/carehub_test"
  for _ in $(seq 1 100); do
    if mariadb --no-defaults -h127.0.0.1 -P"$base" -ucarehub -pcarehub-test -N -B -e "SELECT 1" >/dev/null 2>&1; then
      echo "$url"
      exit 0
    fi
    sleep 0.1
  done
  echo "HAProxy in front of the Galera cluster does not answer; see $dir/haproxy.log" >&2
  exit 1
  ;;
stop)
  stop_pid "$dir/haproxy.pid"
  for n in 3 2 1; do stop_pid "$(node_dir "$n")/mysqld.pid"; done
  ;;
kill)
  n="${3:?node}"
  pid="$(cat "$(node_dir "$n")/mysqld.pid")"
  kill -9 "$pid"
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.05; done
  ;;
restart)
  n="${3:?node}"
  position="$(recovered_position "$n")"
  if [[ -n "$position" ]]; then launch "$n" --wsrep-start-position="$position"; else launch "$n"; fi
  wait_synced "$n"
  ;;
state)
  client "${3:?node}" -e "SHOW GLOBAL STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2
  ;;
sql)
  client "${3:?node}" -e "${4:?SQL}"
  ;;
*)
  echo "usage: $0 start DIR BASEPORT | stop DIR | kill DIR N | restart DIR N | state DIR N | sql DIR N SQL" >&2
  exit 2
  ;;
esac
