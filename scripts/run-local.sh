#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole suite on this machine: four backends on
# SQLite under ./data (or $CAREHUB_DATA_DIR) and the gateway on 127.0.0.1:7000. Keys are made
# on first run and kept in the data folder; a demo API key is printed. Ctrl-C stops everything
# gracefully.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
scripts/install-deps.sh
scripts/build.sh
bin="${CAREHUB_BUILD_DIR:-build}"
bin="$(cd "$bin" && pwd)"
ctl="$bin/tools/carehubctl/carehubctl"

data="${CAREHUB_DATA_DIR:-$root/data}"
mkdir -p "$data/logs"
chmod 700 "$data"
umask 077
[[ -s "$data/internal.key" ]] || "$ctl" genkey >"$data/internal.key"
[[ -s "$data/pii.key" ]] || "$ctl" genkey >"$data/pii.key"
# Demo keys, one per role a district's relief work needs (docs/FUNDS.md walks through them).
demo_keys=(
  "officer demo-officer-jiangjin officer 500116"
  "auditor demo-auditor auditor -"
  "approver demo-approver-jiangjin approver 500116"
  "approver2 demo-approver2-jiangjin approver 500116"
  "finance demo-finance-jiangjin finance 500116"
  "cashier demo-cashier-jiangjin finance,pii 500116"
  "coordinator demo-coordinator-jiangjin coordinator 500116"
  "app demo-volunteer-app integration 500116"
)
if [[ ! -s "$data/api_keys.json" || ! -s "$data/demo-cashier.key" ]]; then
  entries=()
  for spec in "${demo_keys[@]}"; do
    read -r file subject roles prefix <<<"$spec"
    [[ "$prefix" == "-" ]] && prefix=""
    entries+=("$("$ctl" keygen --subject "$subject" --roles "$roles" --division-prefix "$prefix" 2>"$data/.key")")
    sed 's/.*: //' "$data/.key" >"$data/demo-$file.key"
  done
  rm -f "$data/.key"
  (IFS=,; printf '{"api_keys":[%s]}\n' "${entries[*]}") >"$data/api_keys.json"
fi

export CAREHUB_INTERNAL_KEY_FILE="$data/internal.key"
pids=()
stopping=""
stop_all() {
  trap - INT TERM EXIT
  stopping=1
  echo "stopping…" >&2
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
}
trap stop_all INT TERM EXIT

start() {  # name listen metrics [args…]
  local name=$1 listen=$2 metrics=$3
  shift 3
  "$bin/services/$name/carehub-$name" --listen "$listen" --metrics-listen "$metrics" "$@" \
    >>"$data/logs/$name.log" 2>&1 &
  pids+=($!)
}
start registry 127.0.0.1:7101 127.0.0.1:9101 --db-url "sqlite://$data/registry.db" --pii-key-file "$data/pii.key"
start funds 127.0.0.1:7102 127.0.0.1:9102 --db-url "sqlite://$data/funds.db" --pii-key-file "$data/pii.key"
start volunteers 127.0.0.1:7103 127.0.0.1:9103 --db-url "sqlite://$data/volunteers.db" --pii-key-file "$data/pii.key"
start reports 127.0.0.1:7104 127.0.0.1:9104 --db-url "sqlite://$data/reports.db"
start gateway 127.0.0.1:7000 127.0.0.1:9100 --api-keys-file "$data/api_keys.json" --http-listen 127.0.0.1:8080 \
  --route carehub.registry=127.0.0.1:7101 --route carehub.funds=127.0.0.1:7102 \
  --route carehub.volunteers=127.0.0.1:7103 --route carehub.reports=127.0.0.1:7104

for addr in 127.0.0.1:7101 127.0.0.1:7102 127.0.0.1:7103 127.0.0.1:7104 127.0.0.1:7000; do
  ok=""
  for _ in $(seq 1 100); do
    if "$ctl" --addr "$addr" --timeout-ms 500 health >/dev/null 2>&1; then ok=1; break; fi
    sleep 0.1
  done
  if [[ -z "$ok" ]]; then
    echo "a service on $addr did not become healthy; logs in $data/logs:" >&2
    tail -n 5 "$data"/logs/*.log >&2
    exit 1
  fi
done

cat <<MSG
CareHub is running (SQLite under $data, logs in $data/logs).
  gateway   127.0.0.1:7000   metrics http://127.0.0.1:9100/metrics   HTTP/JSON http://127.0.0.1:8080/v1/…
  backends  registry :7101, funds :7102, volunteers :7103, reports :7104 (reachable only through the gateway)

Demo API key (officer, Jiangjin district 500116): $(cat "$data/demo-officer.key")
Demo API key (auditor, every division):          $(cat "$data/demo-auditor.key")
Demo keys for funds (Jiangjin): approver, second approver, finance, cashier (finance with pii: bank files) in $data/demo-{approver,approver2,finance,cashier}.key
Demo keys for volunteers (Jiangjin): coordinator, volunteer app in $data/demo-{coordinator,app}.key (docs/VOLUNTEERS.md)

Try:
  export CAREHUB_API_KEY=$(cat "$data/demo-officer.key")
  $ctl info
  $ctl child create --name 张小明 --sex male --birth-date 2015-03-04 \\
      --id-number 500116201503041230 --division 500116001001 --category left-behind \\
      --guardian-name 张奶奶 --guardian-relation grandparent --guardian-mobile 13812345678 \\
      --father working-away --father-place 广东东莞 --mother working-away --risk low
  $ctl child list

Press Ctrl-C to stop.
MSG
wait -n "${pids[@]}" || true
if [[ -z "$stopping" ]]; then
  echo "a service exited unexpectedly; see $data/logs" >&2
  exit 1
fi
