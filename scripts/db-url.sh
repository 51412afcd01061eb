# Sourced by backup.sh and restore.sh: splits a CareHub database URL (as CAREHUB_DB_URL) into
# db_kind (sqlite|mysql), db_path, or db_user/db_pass/db_host/db_port/db_name, and db_file: the
# name its backup has (registry.db, carehub_registry.sql).
parse_db_url() {
  local url="$1" rest
  case "$url" in
    sqlite://*)
      db_kind=sqlite
      db_path="${url#sqlite://}"
      db_file="$(basename "$db_path")"
      ;;
    mysql://*)
      db_kind=mysql
      rest="${url#mysql://}"
      rest="${rest%%\?*}"
      local auth="${rest%@*}" hostpart="${rest#*@}"
      db_user="${auth%%:*}"
      db_pass=""
      [[ "$auth" == *:* ]] && db_pass="${auth#*:}"
      db_name="${hostpart#*/}"
      hostpart="${hostpart%%/*}"
      db_host="${hostpart%%:*}"
      db_port=3306
      [[ "$hostpart" == *:* ]] && db_port="${hostpart#*:}"
      db_file="$db_name.sql"
      ;;
    *)
      echo "not a CareHub database URL: $(redacted_url "$url")" >&2
      exit 2
      ;;
  esac
}

redacted_url() { sed -E 's#(mysql://[^:/@]*):[^@]*@#\1:***@#' <<<"$1"; }
