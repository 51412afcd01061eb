#!/usr/bin/env bash
# The Galera tier: one test binary's MySQL cases run again against the three-node Galera cluster
# behind HAProxy that scripts/test.sh starts (scripts/galera-private.sh), named by
# CAREHUB_TEST_GALERA_URL. Without it the entry is skipped (exit 77), unless CAREHUB_REQUIRE_MYSQL=1
# (as in CI), where it fails instead of passing unseen.
# Usage: tests/deploy/galera_tier.sh TEST_BINARY
set -euo pipefail
binary="${1:?test binary}"
if [[ -z "${CAREHUB_TEST_GALERA_URL:-}" ]]; then
  if [[ -n "${CAREHUB_REQUIRE_MYSQL:-}" ]]; then
    echo "CAREHUB_REQUIRE_MYSQL=1 but CAREHUB_TEST_GALERA_URL is not set (scripts/test.sh sets it)" >&2
    exit 1
  fi
  echo "Galera tier: set CAREHUB_TEST_GALERA_URL (scripts/test.sh does)" >&2
  exit 77
fi
CAREHUB_TEST_MYSQL_URL="$CAREHUB_TEST_GALERA_URL" exec "$binary" --gtest_color=no --gtest_filter='*/mysql'
