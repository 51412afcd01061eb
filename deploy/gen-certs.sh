#!/usr/bin/env bash
# Makes a private CA and one TLS certificate per CareHub process, for TLS on the gateway's port
# and between the gateway and the backends. Each certificate names the process's compose service
# name, localhost and 127.0.0.1. Keys are P-256, certificates valid for 825 days.
# Usage: deploy/gen-certs.sh [DIR]   (default deploy/certs)
set -euo pipefail
dir="${1:-$(dirname "$0")/certs}"
mkdir -p "$dir"
cd "$dir"
umask 077
if [[ ! -s ca.key ]]; then
  openssl ecparam -name prime256v1 -genkey -noout -out ca.key
  openssl req -x509 -new -key ca.key -sha256 -days 825 -subj "/CN=CareHub deployment CA" -out ca.crt 2>/dev/null
fi
for name in gateway registry funds volunteers reports; do
  [[ -s "$name.crt" ]] && continue
  openssl ecparam -name prime256v1 -genkey -noout -out "$name.key"
  openssl req -new -key "$name.key" -subj "/CN=$name" -out "$name.csr" 2>/dev/null
  printf 'subjectAltName=DNS:%s,DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' "$name" >"$name.ext"
  openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -sha256 -days 825 \
    -extfile "$name.ext" -out "$name.crt" 2>/dev/null
  rm -f "$name.csr" "$name.ext"
done
# The processes run as uid 10001 in the image: certificates are public, keys belong to it.
chmod 644 ./*.crt
chmod 600 ./*.key
if [[ $(id -u) -eq 0 ]]; then
  chown 10001:10001 gateway.key registry.key funds.key volunteers.key reports.key
else
  echo "note: make the *.key files readable by uid 10001 (the containers' user) before docker compose up" >&2
fi
echo "certificates in $dir" >&2
