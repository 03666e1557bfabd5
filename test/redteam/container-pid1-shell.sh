#!/usr/bin/env bash
# Family: approve yourself (a stand-in editor parented by a container's pid 1).
# In a dev container (the usual place to run an agent "safely"), pid 1 is often /bin/sh: VS Code's
# dev containers keep the container alive with `/bin/sh -c "... while sleep 1000; do :; done"`. An
# orphaned /bin/sh is re-parented to it, and pid 1 passes as the "editor main": not node, no
# --type=, the same executable, older than the agent. The stand-in is a daemonised sh whose argv holds
# the extension-host flags and which inherited the listening socket. Every ask is then allowed.
# Simulated with a PID namespace (needs unshare; run as root or with user namespaces enabled).
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
command -v unshare >/dev/null || { echo "needs unshare"; exit 2; }
rt_world || exit 2
export RT_HERE="$HERE" RT_APP RT_ROOT
# pid 1 of the "container": /bin/sh, as VS Code's dev container override command leaves it; it starts
# the agent host (later than itself) and keeps running.
unshare --pid --fork --mount-proc ${RT_UNSHARE_USER:+--user --map-root-user} /bin/sh -c '
  python3 "$RT_HERE/fake-editor/agent.py" "$RT_APP" "$BLAST_SHIELD_HOME/bin/blast-shield-hook" > "$RT_ROOT/agent.out" 2>&1 <<CMDS &
git push --force origin main
mkdir -p $RT_ROOT/lib && cp $RT_HERE/container/shfake.py $RT_ROOT/lib/
RT_WORKSPACE=$RT_APP PYTHONPATH=$RT_ROOT/lib python3 -c "import shfake"
sleep 1
git push --force origin main
terraform destroy -auto-approve
CMDS
  wait $!
  echo done > "$RT_ROOT/agent.done"
' &
NS=$!
for _ in $(seq 1 60); do [ -f "$RT_ROOT/agent.done" ] && break; sleep 0.5; done
kill "$NS" 2>/dev/null   # ends the namespace (its pid 1), and with it the stand-in
wait "$NS" 2>/dev/null
out=$(cat "$RT_ROOT/agent.out")
echo "$out" | grep -v '^RESULT'
results=$(echo "$out" | grep '^RESULT' | awk '{print $2}' | tr '\n' ' ')
case "$results" in
  "deny allow allow allow allow allow"*) echo "BYPASS: a daemonised /bin/sh adopted by the container's pid 1 approved the agent's asks"; exit 1 ;;
esac
echo "stopped ($results)"; exit 0
