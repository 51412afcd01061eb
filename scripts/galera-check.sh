#!/bin/sh
# HAProxy's external health check of one Galera node (scripts/galera-private.sh; the same works
# in production): healthy only when the node is Synced with the primary component
# (wsrep_local_state 4). A joiner, a donor or a node cut off from the others still accepts
# connections, and HAProxy's own mysql-check would send writes to it.
# HAProxy calls it as: galera-check.sh PROXY_ADDR PROXY_PORT SERVER_ADDR SERVER_PORT, with an
# emptied environment, so the check account's user and password come from an option file named
# by GALERA_CHECK_DEFAULTS that a wrapper sets (or /etc/carehub/galera-check.cnf).
defaults="${GALERA_CHECK_DEFAULTS:-/etc/carehub/galera-check.cnf}"
state=$(mariadb --defaults-file="$defaults" --connect-timeout=1 -h "$3" -P "$4" -N -B \
  -e "SHOW GLOBAL STATUS LIKE 'wsrep_local_state'" 2>/dev/null | cut -f2)
[ "$state" = 4 ]
