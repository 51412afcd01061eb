#!/usr/bin/env bash
# deploy/k8s checked offline: tools/k8s-validate renders the kustomize base and the production
# overlay and validates every object against the Kubernetes schemas and CareHub's rules. Its npm
# packages (pinned by package-lock.json) are installed under the build folder, not the sources.
# Usage: tests/deploy/k8s.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src="$1"
work="$2/k8s-validate"
command -v npm >/dev/null || { echo "npm not found: scripts/install-deps.sh --with-mariadb installs it" >&2; exit 1; }
mkdir -p "$work"
if ! cmp -s "$src/tools/k8s-validate/package-lock.json" "$work/package-lock.json" || [[ ! -d "$work/node_modules" ]]; then
  cp "$src/tools/k8s-validate/package.json" "$src/tools/k8s-validate/package-lock.json" "$work/"
  (cd "$work" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
cp "$src/tools/k8s-validate/validate.mjs" "$work/"
node "$work/validate.mjs" "$src/deploy/k8s"
