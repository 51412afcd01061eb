# Sourced by the bench scripts: a work folder with keys, the database (a SQLite file, a private
# MariaDB on `mysql_port`, or a private three-node Galera cluster behind HAProxy from port 21000,
# CAREHUB_BENCH_GALERA_PORT), services started on loopback and stopped on exit.
# bench_setup sqlite|mysql|galera NAME MYSQL_PORT: sets work, db_url; bench_start SVC PORT [ENV=V…].
bindir="${CAREHUB_BUILD_DIR:-build}"
ctl="$bindir/tools/carehubctl/carehubctl"
pids=()

bench_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
  [[ "$backend" == mysql ]] && scripts/mariadb-private.sh stop "$work/mariadb" >/dev/null 2>&1 || true
  [[ "$backend" == galera ]] && scripts/galera-private.sh stop "$work/galera" >/dev/null 2>&1 || true
  rm -rf "$work"
}

bench_setup() {
  backend="$1"
  work="$(mktemp -d "/tmp/carehub-bench-$2.XXXXXX")"
  trap bench_cleanup EXIT
  "$ctl" genkey >"$work/internal.key"
  "$ctl" genkey >"$work/pii.key"
  if [[ "$backend" == mysql ]]; then
    db_url="$(scripts/mariadb-private.sh start "$work/mariadb" "$3")"
  elif [[ "$backend" == galera ]]; then
    db_url="$(scripts/galera-private.sh start "$work/galera" "${CAREHUB_BENCH_GALERA_PORT:-21000}")"
  else
    db_url="sqlite://$work/$2.db"
  fi
  export CAREHUB_INTERNAL_KEY_FILE="$work/internal.key" CAREHUB_LOG_LEVEL=warn
}

# Starts services/SVC/carehub-SVC on 127.0.0.1:PORT with the extra environment given and waits
# until it serves.
bench_start() {
  local svc="$1" port="$2"
  shift 2
  env CAREHUB_LISTEN="127.0.0.1:$port" "$@" "$bindir/services/$svc/carehub-$svc" >"$work/$svc.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do "$ctl" --addr "127.0.0.1:$port" health >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "carehub-$svc did not start:" >&2
  tail -n 5 "$work/$svc.log" >&2
  return 1
}
