# Shared set-up for the red-team reproductions: a temp world (HOME, guard home, a git project with
# every host's hooks installed at project and user scope), and a driver that sends each agent
# command through the installed hook shim exactly as Claude Code does (PreToolUse, Bash) and runs it
# only when the hook answers allow. Each script exits 1 while its bypass works, 0 once it is stopped.
set -u
RT_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RT_CLI="$RT_REPO/dist/cli.js"

rt_world() {
  RT_ROOT=$(mktemp -d /tmp/bs-redteam-XXXXXX)
  export HOME="$RT_ROOT/home" BLAST_SHIELD_HOME="$RT_ROOT/home/.blast-shield"
  RT_APP="$RT_ROOT/app"
  mkdir -p "$HOME" "$RT_APP/src"
  echo 'export PATH="$HOME/.local/bin:$PATH"' > "$HOME/.bashrc"
  (cd "$RT_APP" && git init -q && git config user.email dev@example.com && git config user.name dev \
    && echo 'console.log(1)' > src/index.js && git add . && git commit -qm init) || return 1
  # install exits 1 when Copilot CLI would not load a project hook (untrusted folder); the rest is installed.
  (cd "$RT_APP" && node "$RT_CLI" install all --project >/dev/null; node "$RT_CLI" install all --user >/dev/null)
  [ -x "$BLAST_SHIELD_HOME/bin/blast-shield-hook" ] && [ -f "$RT_APP/.cursor/hooks.json" ] || return 1
  trap 'rm -rf "$RT_ROOT"' EXIT
}

# The hook's answer (allow | deny | ask | error) for one Bash command run in $RT_APP.
rt_decision() {
  local payload
  payload=$(python3 -c 'import json,sys; print(json.dumps({"session_id":"rt","transcript_path":"/tmp/rt.jsonl","cwd":sys.argv[1],"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":sys.argv[2]},"tool_use_id":"toolu_rt"}))' "$RT_APP" "$1")
  (cd "$RT_APP" && printf '%s' "$payload" | "$BLAST_SHIELD_HOME/bin/blast-shield-hook" hook claude) \
    | python3 -c 'import json,sys
try: print(json.load(sys.stdin)["hookSpecificOutput"]["permissionDecision"])
except Exception: print("error")'
}

# Run a command as the agent would: only when the hook allows it. Returns 1 when it was not allowed.
rt_agent() {
  local d
  d=$(rt_decision "$1")
  printf '  [%-5s] %s\n' "$d" "$1"
  [ "$d" = allow ] || return 1
  (cd "$RT_APP" && bash -c "$1") >/dev/null 2>&1 || true
  return 0
}

# Exit 1 (bypass works) when the file is gone or no longer names the hook shim.
rt_verdict() {
  local file=$1 what=$2
  if [ ! -e "$file" ] || ! grep -q blast-shield "$file" 2>/dev/null; then
    echo "BYPASS: $what"; exit 1
  fi
  echo "stopped: $what"; exit 0
}
