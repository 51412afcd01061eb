#!/usr/bin/env bash
# The one form at scale: a registry on a fresh database (SQLite file, or a private MariaDB) with
# CHILDREN children (1,000 villages of one town) and WOMEN women imported, funds and volunteers
# beside it (SQLite), and the reports service composing the district's year-end form from them;
# each variant (whole form, without comparisons, the division only) asked 5 times. With "full",
# the funds and volunteers databases are filled first: a batch of 100,000 grants paid (its women
# count among WOMEN), then 1,000,000 attendance entries, 100,000 pairings and 1,000,000 visits.
# With "city", the children are spread over 40 districts of the city 5001 (district 16 among
# them) and the form is the city's, its breakdown the 40 districts.
# Usage: scripts/bench-report.sh sqlite|mysql [CHILDREN] [WOMEN] [full] [city]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-lib.sh
children="${2:-1000000}"
women="${3:-200000}"
full=false
spread=(--villages 1000)
for word in "${@:4}"; do
  case "$word" in
    full) full=true ;;
    city) spread=(--villages 25 --districts 40) ;;
    *) echo "unknown word: $word (full or city)" >&2 && exit 2 ;;
  esac
done
bench_setup "${1:?sqlite or mysql}" report 33730
bench_start registry 7631 CAREHUB_DB_URL="$db_url" CAREHUB_PII_KEY_FILE="$work/pii.key"
bench_start funds 7632 CAREHUB_DB_URL="sqlite://$work/funds.db" CAREHUB_REGISTRY_ADDR=127.0.0.1:7631 \
  CAREHUB_PII_KEY_FILE="$work/pii.key"
bench_start volunteers 7633 CAREHUB_DB_URL="sqlite://$work/volunteers.db" CAREHUB_REGISTRY_ADDR=127.0.0.1:7631 \
  CAREHUB_PII_KEY_FILE="$work/pii.key" CAREHUB_FEED_POLL_MS=0
bench_start reports 7634 CAREHUB_DB_URL="sqlite://$work/reports.db" CAREHUB_REGISTRY_ADDR=127.0.0.1:7631 \
  CAREHUB_FUNDS_ADDR=127.0.0.1:7632 CAREHUB_VOLUNTEERS_ADDR=127.0.0.1:7633

bench=("$bindir/tools/carehub-bench/carehub-bench" --direct --internal-key-file "$work/internal.key")
echo "# $backend registry, $children children, $women women ($(nproc) cores, $(date -u +%F))"
"${bench[@]}" --addr 127.0.0.1:7631 --op import --requests "$children" "${spread[@]}" \
  --import-files $(((children + 99999) / 100000)) | tail -n 1
if $full; then
  "${bench[@]}" --addr 127.0.0.1:7631 --funds-addr 127.0.0.1:7632 --op batch --requests 100000 --run-id 1 |
    grep -E 'CreateGrantBatch|ImportPaymentResults'
  women=$((women - 100000))
  "${bench[@]}" --volunteers-addr 127.0.0.1:7633 --volunteers-db-url "sqlite://$work/volunteers.db" --op volunteers \
    --requests 200 --attendance-rows 1000000 | grep -E 'seed|Summarize' || true
fi
"${bench[@]}" --addr 127.0.0.1:7631 --reports-addr 127.0.0.1:7634 --op report --requests "$women" --run-id 2 \
  "${spread[@]:2}"
