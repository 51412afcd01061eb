#!/usr/bin/env bash
# Makes a client certificate for a machine client that authenticates to the gateway by mutual TLS
# (the gateway's --client-ca-file trusts the CA that signs it), and prints the keys-file entry to
# add: its subject (RFC 2253, as the gateway matches it) with the principal it stands for.
# The CA is DIR/ca.crt and DIR/ca.key (deploy/gen-certs.sh makes one); keys are P-256, valid
# for 397 days.
# Usage: deploy/gen-client-cert.sh DIR NAME [ORGANISATION]
set -euo pipefail
dir="${1:?certificate folder with ca.crt and ca.key}"
name="${2:?client name, e.g. civil-affairs-sync}"
org="${3:-CareHub client}"
[[ "$name" =~ ^[A-Za-z0-9._-]{1,64}$ ]] || { echo "name: letters, digits, . _ - only" >&2; exit 2; }
cd "$dir"
umask 077
openssl ecparam -name prime256v1 -genkey -noout -out "client-$name.key"
openssl req -new -key "client-$name.key" -subj "/O=$org/CN=$name" -out "client-$name.csr" 2>/dev/null
printf 'extendedKeyUsage=clientAuth\n' >"client-$name.ext"
openssl x509 -req -in "client-$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -sha256 -days 397 \
  -extfile "client-$name.ext" -out "client-$name.crt" 2>/dev/null
rm -f "client-$name.csr" "client-$name.ext"
chmod 644 "client-$name.crt"
subject="$(openssl x509 -in "client-$name.crt" -noout -subject -nameopt RFC2253 | sed 's/^subject=//')"
echo "client certificate in $dir/client-$name.crt (key client-$name.key); keys-file entry:" >&2
printf '{"name": "%s", "certificate_subject": "%s", "subject": "%s", "roles": ["integration"], "division_prefix": ""}\n' \
  "$name" "$subject" "$name"
