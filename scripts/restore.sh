#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into fresh databases, one URL per file backed up
# (matched by name: registry.db for sqlite:///…/registry.db, carehub_registry.sql for
# mysql://…/carehub_registry). Never overwrites: a SQLite file that exists or a MariaDB database
# with tables is refused. Checks every file against the MANIFEST first, and a restored SQLite file
# with PRAGMA integrity_check. Start the services on the restored URLs with the same PII key.
# A file may be restored under another name with FILE=URL (carehub_registry.sql=mysql://…/drill).
# Usage: scripts/restore.sh BACKUP_DIR [FILE=]URL...
set -euo pipefail
backup="${1:?usage: scripts/restore.sh BACKUP_DIR URL...}"
shift
(($# > 0)) || { echo "restore: no database URL given" >&2; exit 2; }
source "$(dirname "$0")/db-url.sh"
[[ -f "$backup/MANIFEST" ]] || { echo "restore: $backup has no MANIFEST" >&2; exit 1; }
(cd "$backup" && grep -v '^#' MANIFEST | sha256sum --quiet -c -) || { echo "restore: $backup is damaged" >&2; exit 1; }
for arg in "$@"; do
  url="$arg"
  file=""
  if [[ "${arg%%://*}" == *=* ]]; then
    file="${arg%%=*}"
    url="${arg#*=}"
  fi
  parse_db_url "$url"
  [[ -n "$file" ]] && db_file="$file"
  [[ -f "$backup/$db_file" ]] || { echo "restore: $backup holds no $db_file" >&2; exit 1; }
  case "$db_kind" in
    sqlite)
      [[ ! -e "$db_path" ]] || { echo "restore: $db_path exists; restore into a fresh place" >&2; exit 1; }
      mkdir -p "$(dirname "$db_path")"
      cp "$backup/$db_file" "$db_path.part"
      [[ "$(sqlite3 "$db_path.part" "PRAGMA integrity_check")" == ok ]] || {
        rm -f "$db_path.part"
        echo "restore: $db_file fails its integrity check" >&2
        exit 1
      }
      mv "$db_path.part" "$db_path"
      ;;
    mysql)
      export MYSQL_PWD="$db_pass"
      client=(mariadb -h "$db_host" -P "$db_port" -u "$db_user")
      tables="$("${client[@]}" -N -e "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$db_name'")"
      [[ "$tables" == 0 ]] || { echo "restore: database $db_name has tables; restore into a fresh one" >&2; exit 1; }
      "${client[@]}" -e "CREATE DATABASE IF NOT EXISTS \`$db_name\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
      "${client[@]}" "$db_name" <"$backup/$db_file"
      ;;
  esac
  echo "restored $backup/$db_file -> $(redacted_url "$url")" >&2
done
