#!/usr/bin/env bash
# Backs up CareHub's databases while the services run, one file per database URL, into OUT_DIR
# (made fresh), with a MANIFEST of sha256 sums that scripts/restore.sh checks.
#   SQLite:  VACUUM INTO — one read transaction, so a consistent snapshot that writers never
#            restart (the online backup API starts over whenever another connection writes).
#   MariaDB: mariadb-dump --single-transaction — one consistent InnoDB snapshot, no table locks.
# The PII and internal keys are not in the backup: keep them apart (docs/OPERATIONS.md); a backup
# without its PII key is unreadable ciphertext, which is the point.
# Usage: scripts/backup.sh OUT_DIR URL...   (URLs as CAREHUB_DB_URL: sqlite:///path/registry.db,
#        mysql://user:pass@host:port/carehub_registry)
set -euo pipefail
out="${1:?usage: scripts/backup.sh OUT_DIR URL...}"
shift
(($# > 0)) || { echo "backup: no database URL given" >&2; exit 2; }
source "$(dirname "$0")/db-url.sh"
# Every URL understood, and every SQLite file there, before anything is written.
for url in "$@"; do
  parse_db_url "$url"
  if [[ "$db_kind" == sqlite && ! -f "$db_path" ]]; then
    echo "backup: no SQLite database at $db_path" >&2
    exit 1
  fi
done
if [[ -e "$out" ]] && [[ -n "$(ls -A "$out" 2>/dev/null)" ]]; then
  echo "backup: $out exists and is not empty" >&2
  exit 1
fi
mkdir -p "$out"
chmod 700 "$out"
started="$(date -u +%FT%TZ)"
for url in "$@"; do
  parse_db_url "$url"
  case "$db_kind" in
    sqlite)
      sqlite3 -bail "$db_path" ".timeout 30000" "VACUUM INTO '$out/$db_file'"
      ;;
    mysql)
      MYSQL_PWD="$db_pass" mariadb-dump --single-transaction --quick --routines --triggers --hex-blob \
        --default-character-set=utf8mb4 -h "$db_host" -P "$db_port" -u "$db_user" "$db_name" >"$out/$db_file"
      ;;
  esac
  chmod 600 "$out/$db_file"
  echo "backed up $(redacted_url "$url") -> $out/$db_file" >&2
done
{
  echo "# CareHub backup, started $started, finished $(date -u +%FT%TZ)"
  (cd "$out" && shopt -s nullglob && sha256sum -- *.db *.sql)
} >"$out/MANIFEST"
