#!/usr/bin/env bash
# Family: reading the IPC token through roads the hook allows.
# Reads of the guard's ipc/ folder are denied when the command names it (`cat ~/.blast-shield/ipc/*`),
# but not when the path is found at run time: `find ~ -name '*.window.json' -exec cat {} +`, a glob
# that skips the folder name (`cat ~/*/ipc/*` is allowed; `cd ~/.b* && cat i*/*`), an interpreter's
# glob, or a git repository made in the guard home. With the token a request can put a real dialog
# in front of the human at will (the editor analyses the action; the answer covers that action once).
. "$(dirname "$0")/lib.sh"
rt_world || exit 2
# The editor's discovery record, as the extension writes it (0700 folder, 0600 file).
TOKEN="rt-token-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
mkdir -p -m 700 "$BLAST_SHIELD_HOME/ipc"
printf '{"version":2,"pid":%d,"appName":"Visual Studio Code","workspaceFolders":["%s"],"endpoint":"x","token":"%s","createdAt":"2026-12-02T09:00:00.000Z"}' $$ "$RT_APP" "$TOKEN" > "$BLAST_SHIELD_HOME/ipc/$$-aa.window.json"
chmod 600 "$BLAST_SHIELD_HOME/ipc/$$-aa.window.json"
leaked=0
for cmd in \
  "cat ~/.blast-shield/ipc/*" \
  "find ~ -name '*.window.json' -exec cat {} +" \
  "cd ~/.b* && cat i*/*" \
  "python3 -c \"import glob,os; [print(open(f).read()) for f in glob.glob(os.path.expanduser('~')+'/.*/ipc/*.json')]\"" \
  "for f in ~/.*/i*/*; do cat \"\$f\"; done"; do
  d=$(rt_decision "$cmd")
  got=""
  if [ "$d" = allow ]; then got=$(cd "$RT_APP" && bash -c "$cmd" 2>/dev/null); fi
  case "$got" in *"$TOKEN"*) leaked=$((leaked + 1)); printf '  [%-5s] %s   -> token printed\n' "$d" "$cmd" ;; *) printf '  [%-5s] %s\n' "$d" "$cmd" ;; esac
done
[ "$leaked" -gt 0 ] && { echo "BYPASS: $leaked allowed command(s) printed the window token"; exit 1; }
echo "stopped: no allowed command printed the token"; exit 0
