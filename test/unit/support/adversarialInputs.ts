/**
 * Command lines built to be costly to analyse: every construct the parser supports nested `depth`
 * deep, and flat inputs up to the 1 MiB limit. Shared by the work-unit property test (fuzz suite) and
 * `bench/adversarial.bench.mjs`, which times them.
 */

export interface AdversarialInput {
  name: string;
  /** The input at nesting depth (or repetition count) n. */
  make(n: number): string;
}

function nest(n: number, wrap: (inner: string) => string, leaf = 'rm -rf /data'): string {
  let s = leaf;
  for (let i = 0; i < n; i++) s = wrap(s);
  return s;
}

export const NESTED: readonly AdversarialInput[] = [
  { name: '$(…)', make: (n) => nest(n, (s) => `echo $(${s})`) },
  { name: 'bash -c "$(…)"', make: (n) => nest(n, (s) => `bash -c "$(${s})"`) },
  { name: 'eval "$(…)"', make: (n) => nest(n, (s) => `eval "$(${s})"`) },
  { name: 'eval eval …', make: (n) => 'eval '.repeat(n) + 'rm -rf /data' },
  { name: 'sh -c sh -c …', make: (n) => 'sh -c '.repeat(n) + 'rm' },
  { name: '<(…)', make: (n) => nest(n, (s) => `cat <(${s})`) },
  { name: '( … )', make: (n) => nest(n, (s) => `( ${s} )`) },
  { name: '{ …; }', make: (n) => nest(n, (s) => `{ ${s}; }`) },
  { name: 'if … fi', make: (n) => nest(n, (s) => `if true; then ${s}; fi`) },
  { name: 'heredoc in $(…)', make: (n) => nest(n, (s) => `cat <<E\n$(${s})\nE`) },
  { name: '"${x:-$(…)}"', make: (n) => nest(n, (s) => `echo "\${x:-$(${s})}"`) },
  { name: 'backticks', make: (n) => nest(Math.min(n, 14), (s) => 'echo `' + s.replace(/\\/g, '\\\\').replace(/`/g, '\\`') + '`') },
  { name: 'sudo env timeout …', make: (n) => 'sudo env X=1 timeout 5 nice '.repeat(n) + 'rm -rf /data' },
  { name: 'xargs sh -c', make: (n) => nest(Math.min(n, 12), (s) => `echo x | xargs sh -c "${s.replace(/["\\$`]/g, '\\$&')}"`) },
  { name: 'xargs xargs …', make: (n) => 'echo x | ' + 'xargs -0 '.repeat(n) + 'rm -rf /data' },
  { name: 'pwsh -c pwsh -c …', make: (n) => 'pwsh -NoProfile -Command '.repeat(n) + 'Remove-Item -Recurse -Force /data' },
  { name: 'pwsh "$(…)"', make: (n) => nest(n, (s) => `pwsh -Command "$(${s})"`) },
  { name: "pwsh '& { … }'", make: (n) => "pwsh -Command '" + '& { '.repeat(n) + 'Remove-Item -Recurse -Force /data' + ' }'.repeat(n) + "'" },
  { name: "pwsh '$( … )'", make: (n) => "pwsh -Command 'Write-Output " + '$( '.repeat(n) + 'Remove-Item -Recurse -Force /data' + ' )'.repeat(n) + "'" },
  { name: 'python3 -c "$(…)"', make: (n) => nest(n, (s) => `python3 -c "$(${s})"`) },
  { name: 'python3 -c os.system(…)', make: (n) => nest(Math.min(n, 12), (s) => `python3 -c "import os; os.system('${s.replace(/[\\'"$`]/g, '\\$&')}')"`) },
  { name: 'node -e "$(…)"', make: (n) => nest(n, (s) => `node -e "$(${s})"`) },
  { name: 'find -exec find -exec …', make: (n) => 'find . -exec '.repeat(n) + 'rm -rf /data' + ' {} \\;'.repeat(n) },
  { name: 'find -exec sh -c "$(…)"', make: (n) => nest(n, (s) => `find . -exec sh -c "$(${s})" {} \\;`) },
  { name: 'env -S env -S …', make: (n) => 'env -S '.repeat(n) + 'rm -rf /data' },
  { name: 'env -S "$(…)"', make: (n) => nest(n, (s) => `env -S "$(${s})"`) },
  { name: 'docker exec sh -c "$(…)"', make: (n) => nest(n, (s) => `docker exec app sh -c "$(${s})"`) },
  { name: 'docker exec docker exec …', make: (n) => 'docker exec app '.repeat(n) + 'rm -rf /data' },
  { name: 'ssh sh -c "$(…)"', make: (n) => nest(n, (s) => `ssh prod-db sh -c "$(${s})"`) },
  { name: 'ssh ssh …', make: (n) => 'ssh prod-db '.repeat(n) + 'rm -rf /data' },
  { name: '>(…)', make: (n) => nest(n, (s) => `tee >(${s})`) },
  { name: 'bash <<E script <<E …', make: (n) => { let s = 'rm -rf /data'; for (let i = 0; i < n; i++) s = `bash <<'E${i}'\n${s}\nE${i}`; return s; } },
  { name: 'while … done', make: (n) => nest(n, (s) => `while true; do ${s}; done`) },
  { name: 'for … done', make: (n) => nest(n, (s) => `for i in a; do ${s}; done`) },
  { name: 'case … esac', make: (n) => nest(n, (s) => `case x in x) ${s};; esac`) },
  { name: 'f() { …; }', make: (n) => nest(n, (s) => `f() { ${s}; }; f`) },
  { name: '$(( … ))', make: (n) => 'echo ' + '$(( 1 + '.repeat(n) + '1' + ' ))'.repeat(n) },
];

/** Flat inputs: `count` repetitions of a piece. */
export const FLAT: readonly AdversarialInput[] = [
  { name: 'a; a; …', make: (n) => 'ls; '.repeat(n) },
  { name: 'a | a | …', make: (n) => 'cat x | '.repeat(n) + 'cat' },
  { name: 'long word', make: (n) => 'echo ' + 'a'.repeat(n) },
  { name: 'many words', make: (n) => 'rm ' + 'f '.repeat(n) },
  { name: '$x$x…', make: (n) => 'echo ' + '$x'.repeat(n) },
  { name: '{a,b}…', make: (n) => 'echo ' + '{a,b}'.repeat(Math.min(n, 64)) },
  { name: 'quoted "…"', make: (n) => 'echo "' + 'a b '.repeat(n) + '"' },
  { name: 'token-like', make: (n) => 'curl -H "Authorization: Bearer ' + 'A1b2C3d4E5'.repeat(n) + '" https://x.example' },
  { name: 'git -c …', make: (n) => 'git ' + '-c a=b '.repeat(n) + 'push --force origin main' },
  { name: 'aws --x y …', make: (n) => 'aws ec2 terminate-instances ' + '--instance-ids i-1 '.repeat(n) },
  { name: 'unknown options', make: (n) => 'kubectl ' + '--weird x '.repeat(n) + 'delete ns payments' },
  { name: 'many paths', make: (n) => 'rm -rf ' + Array.from({ length: n }, (_, i) => `pkg${i % 97}/src/f${i}.ts`).join(' ') },
  // Words of commands that change none of their paths are priced lower (classify.ts): their time is bounded too.
  { name: 'many read paths', make: (n) => 'ls -la ' + Array.from({ length: n }, (_, i) => `pkg${i % 97}/src/f${i}.ts`).join(' ') },
  { name: 'many staged paths', make: (n) => 'git add ' + Array.from({ length: n }, (_, i) => `pkg${i % 97}/src/f${i}.ts`).join(' ') },
  { name: 'many distinct statements', make: (n) => Array.from({ length: n }, (_, i) => `true ${i}; `).join('') + 'cp -r /tmp/x/. .' },
  { name: 'pwsh statements', make: (n) => "pwsh -Command '" + 'Get-ChildItem ./src; '.repeat(n) + "'" },
  { name: 'python3 -c statements', make: (n) => "python3 -c '" + 'print(1); '.repeat(n) + "'" },
  { name: 'find -exec … \\; …', make: (n) => 'find . ' + '-exec ls {} \\; '.repeat(n) },
];

/** The largest n whose input stays within `bytes`. */
export function largestWithin(input: AdversarialInput, bytes: number, cap = 1 << 20): number {
  let lo = 1;
  let hi = cap;
  if (input.make(lo).length > bytes) return 0;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (input.make(mid).length <= bytes) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
