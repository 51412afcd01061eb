#!/usr/bin/env bash
# Installs, from Debian's packages, whatever the build, the suite and the tests need and the
# machine lacks. Idempotent: does nothing (not even apt-get update) when all are present.
# Usage: scripts/install-deps.sh [--with-mariadb]
set -euo pipefail

packages=(
  build-essential cmake pkg-config openssl
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libspdlog-dev libfmt-dev libcli11-dev nlohmann-json3-dev prometheus-cpp-dev
  libmysqlcppconn-dev libsqlite3-dev sqlite3 libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcsv-dev libxlsxwriter-dev libcjose-dev libmicrohttpd-dev libyaml-cpp-dev libutf8proc-dev unzip curl
)
if [[ "${1:-}" == "--with-mariadb" ]]; then
  packages+=(mariadb-server mariadb-client docker-compose prometheus galera-4 haproxy mariadb-backup socat)
  # The Kubernetes manifests' validator (tools/k8s-validate) runs on node; a node installed
  # otherwise (with its own npm) is used as it is.
  command -v npm >/dev/null || packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "installing: ${missing[*]}" >&2
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
