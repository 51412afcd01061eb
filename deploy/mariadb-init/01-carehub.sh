#!/bin/bash
# Runs once when the MariaDB container first initialises its data: one database and one user
# per service (database per service; no service can read another's tables).
set -euo pipefail
mariadb -uroot -p"${MARIADB_ROOT_PASSWORD}" <<SQL
CREATE DATABASE IF NOT EXISTS carehub_registry CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE DATABASE IF NOT EXISTS carehub_funds CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE DATABASE IF NOT EXISTS carehub_volunteers CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE DATABASE IF NOT EXISTS carehub_reports CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE USER IF NOT EXISTS 'registry'@'%' IDENTIFIED BY '${REGISTRY_DB_PASSWORD}';
CREATE USER IF NOT EXISTS 'funds'@'%' IDENTIFIED BY '${FUNDS_DB_PASSWORD}';
CREATE USER IF NOT EXISTS 'volunteers'@'%' IDENTIFIED BY '${VOLUNTEERS_DB_PASSWORD}';
CREATE USER IF NOT EXISTS 'reports'@'%' IDENTIFIED BY '${REPORTS_DB_PASSWORD}';
GRANT ALL PRIVILEGES ON carehub_registry.* TO 'registry'@'%';
GRANT ALL PRIVILEGES ON carehub_funds.* TO 'funds'@'%';
GRANT ALL PRIVILEGES ON carehub_volunteers.* TO 'volunteers'@'%';
GRANT ALL PRIVILEGES ON carehub_reports.* TO 'reports'@'%';
SQL
