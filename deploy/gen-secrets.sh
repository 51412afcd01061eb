#!/usr/bin/env bash
# Writes deploy/.env (secrets for docker-compose) and deploy/api_keys.json with one officer
# key, printing that key once. Refuses to overwrite existing secrets.
set -euo pipefail
cd "$(dirname "$0")"
ctl="${CAREHUBCTL:-../build/tools/carehubctl/carehubctl}"
if [[ -e .env ]]; then echo "deploy/.env exists; remove it to make new secrets" >&2; exit 1; fi
umask 077
rand() { head -c 24 /dev/urandom | base64 | tr -d '/+=' ; }
cat >.env <<ENV
CAREHUB_INTERNAL_KEY=$("$ctl" genkey)
CAREHUB_PII_KEY=$("$ctl" genkey)
MARIADB_ROOT_PASSWORD=$(rand)
REGISTRY_DB_PASSWORD=$(rand)
FUNDS_DB_PASSWORD=$(rand)
VOLUNTEERS_DB_PASSWORD=$(rand)
REPORTS_DB_PASSWORD=$(rand)
ENV
entry=$("$ctl" keygen --subject ops-officer --roles officer --division-prefix "${DIVISION_PREFIX:-500116}")
printf '{"api_keys":[%s]}\n' "$entry" >api_keys.json
chmod 644 api_keys.json  # hashes only; the container user must read it
echo "wrote deploy/.env and deploy/api_keys.json" >&2
