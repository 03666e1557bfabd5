#!/usr/bin/env bash
# Family: secrets leaking into records (audit log).
# Redaction compares whole words (and their parts around = : @ / ? # &) with the workspace's
# credential values. A value with a character glued to it that is not one of those separators
# (a full stop ending a sentence, '!', '-', '_', '+', '*', '~', a letter) is not a whole word, and a
# 22-character alphanumeric password has no token shape, so it reaches the audit log in clear.
. "$(dirname "$0")/lib.sh"
rt_world || exit 2
P=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n' | python3 -c 'import sys,string,random; r=random.Random(sys.stdin.read()); print("".join(r.choice(string.ascii_letters+string.digits) for _ in range(22)))')
printf 'DATABASE_URL=postgres://app:%s@db.prod.acme.internal:5432/app\n' "$P" > "$RT_APP/.env.production"
leaks=0
for cmd in "echo \"the password is $P.\"" "echo $P!" "echo x$P" "printf '%s\n' -$P-"; do
  rt_agent "$cmd" >/dev/null
  if grep -qF -- "$P" "$BLAST_SHIELD_HOME/audit.jsonl" 2>/dev/null; then
    leaks=$((leaks + 1)); echo "  in clear in audit.jsonl after: ${cmd//$P/<password>}"
  fi
  # start each shape from a clean log so every leak is its own
  : > "$BLAST_SHIELD_HOME/audit.jsonl"; rm -f "$BLAST_SHIELD_HOME/audit.head.json"
done
[ "$leaks" -gt 0 ] && { echo "BYPASS: the production database password reached the audit log in $leaks command shape(s)"; exit 1; }
echo "stopped: no shape leaked"; exit 0
