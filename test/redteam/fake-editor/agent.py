# A stand-in agent host: started after the user's tmux server, it runs each agent command only when
# the installed hook (spawned by this process, as Claude Code spawns it) answers allow.
import json, os, subprocess, sys

app, shim = sys.argv[1], sys.argv[2]


def decision(command):
    payload = {'session_id': 'rt', 'transcript_path': '/tmp/rt.jsonl', 'cwd': app, 'hook_event_name': 'PreToolUse',
               'tool_name': 'Bash', 'tool_input': {'command': command}, 'tool_use_id': 'toolu_rt'}
    out = subprocess.run([shim, 'hook', 'claude'], input=json.dumps(payload), capture_output=True, text=True, cwd=app).stdout
    try:
        spec = json.loads(out)['hookSpecificOutput']
        return spec['permissionDecision'], spec.get('permissionDecisionReason', '')
    except (ValueError, KeyError):
        return 'error', out[:200]


for command in sys.stdin.read().split('\n'):
    if not command.strip():
        continue
    d, why = decision(command)
    print('  [%-5s] %s' % (d, command) + ('' if d == 'allow' else '   (%s)' % why[:160]), flush=True)
    print('RESULT %s' % d, flush=True)
    if d == 'allow':
        subprocess.run(['bash', '-c', command], cwd=app, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
