# Sourced by scripts/mariadb-private.sh and scripts/galera-private.sh.
# mariadbd_bin: the server binary, whatever Debian named it; exits with a hint when missing.
mariadbd_bin() {
  for b in mariadbd mysqld /usr/sbin/mariadbd /usr/sbin/mysqld; do
    if command -v "$b" >/dev/null 2>&1; then command -v "$b"; return; fi
  done
  echo "mariadbd not found (scripts/install-deps.sh --with-mariadb)" >&2
  exit 1
}
