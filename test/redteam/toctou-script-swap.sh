#!/usr/bin/env bash
# Family: time of check vs time of use across commands (the script the hook read is not the one run).
# The hook reads a script before it is run (`sh x.sh` naming .cursor is denied). It reads it once, at
# check time: a background copy started by an earlier allowed command replaces the script between
# the check and the run (`sleep 10; sh x.sh` is judged on the benign text).
. "$(dirname "$0")/lib.sh"
rt_world || exit 2
# Closed in lockdown only (outside it a fresh script is judged by its text: README, Security, residual risks).
# The extension's settings mirror in the guard home is where the hook learns lockdown.
printf '{"version":1,"workspaces":{"%s":{"lockdown":true,"production":{"names":[],"hosts":[],"resourceIds":[]},"protectedPaths":[]}}}\n' "$RT_APP" > "$BLAST_SHIELD_HOME/settings.json"
D="$RT_ROOT/ci"
rt_agent "mkdir -p $D && printf 'echo lint ok\n' > $D/lint.sh && printf 'rm -rf .cursor .claude\n' > $D/lint.next"
rt_agent "sh $D/lint.next" || true    # denied: the hook reads it
rt_agent "(sleep 6; cp $D/lint.next $D/lint.sh) >/dev/null 2>&1 &"
rt_agent "sleep 10; sh $D/lint.sh"
sleep 1
rt_verdict "$RT_APP/.cursor/hooks.json" "the script swapped after the check deleted .cursor"
