import { strict as assert } from 'node:assert';
import type { Command, CommandList, SimpleCommand } from '../../../src/core/shell/ast';
import { decodeAnsiC, decodeBase64, decodeBase64Utf16le, decodeEchoEscapes, decodeHex, printfOutput } from '../../../src/core/shell/decode';
import { parseShell } from '../../../src/core/shell/parser';
import { expandBraces, toArgWord, wordText } from '../../../src/core/shell/words';

/** Every simple command in source order, substitutions included, as argv text arrays. */
function commands(list: CommandList, out: string[][] = []): string[][] {
  for (const item of list.items) for (const command of item.pipeline.commands) visit(command, out);
  return out;
}

function visit(command: Command, out: string[][]): void {
  if (command.type === 'compound') {
    for (const list of command.inner ?? []) commands(list, out);
    for (const body of command.bodies) commands(body, out);
    return;
  }
  for (const word of command.words) {
    for (const part of word.parts) if (part.kind === 'command' || part.kind === 'process') commands(part.body, out);
  }
  if (command.words.length > 0) out.push(command.words.map(wordText));
}

function firstSimple(source: string): SimpleCommand {
  const result = parseShell(source);
  const command = result.list.items[0]?.pipeline.commands[0];
  assert.ok(command && command.type === 'simple', `no simple command in ${source}`);
  return command;
}

describe('shell parser', () => {
  const table: [string, string[][]][] = [
    ['ls -la', [['ls', '-la']]],
    ['a; b && c || d & e', [['a'], ['b'], ['c'], ['d'], ['e']]],
    ['a | b |& c', [['a'], ['b'], ['c']]],
    ['a\nb\n\nc', [['a'], ['b'], ['c']]],
    ['! a', [['a']]],
    ['time -p a', [['a']]],
    ['(a; b)', [['a'], ['b']]],
    ['{ a; b; }', [['a'], ['b']]],
    ['echo $(a) `b`', [['a'], ['b'], ['echo', '$(a)', '`b`']]],
    ['echo "$(a "$(b)")"', [['b'], ['a', '$(b)'], ['echo', '$(a "$(b)")']]],
    ['if a; then b; elif c; then d; else e; fi', [['a'], ['b'], ['c'], ['d'], ['e']]],
    ['while a; do b; done', [['a'], ['b']]],
    ['until a; do b; done', [['a'], ['b']]],
    ['for x in 1 2; do b "$x"; done', [['b', '$x']]],
    ['for ((i=0;i<3;i++)); do b; done', [['b']]],
    ['case $x in a|b) c;; *) d;; esac', [['c'], ['d']]],
    ['case x in (a) c ;& b) d ;;& esac', [['c'], ['d']]],
    ['f() { a; }', [['a']]],
    ['function f { a; }', [['a']]],
    ['function f() ( a )', [['a']]],
    ['[[ -f $(a) && x == y ]]', []],
    ['(( x = $(a) ))', [['a']]],
    ['echo $((1 + 2))', [['echo', '$((1 + 2))']]],
    ['diff <(a) >(b)', [['a'], ['b'], ['diff', '<(a)', '>(b)']]],
    ['x=1 y=$(a) b', [['b']]],
    ['arr=(a b c); echo ${arr[0]}', [['echo', '${arr[0]}']]],
    ["echo 'a b' \"c d\" e\\ f", [['echo', 'a b', 'c d', 'e f']]],
    ["r\"\"m -rf x", [['rm', '-rf', 'x']]],
    ["\\rm x", [['rm', 'x']]],
    ["$'\\x72\\x6d' x", [['rm', 'x']]],
    ['echo a # comment ; rm x', [['echo', 'a']]],
    ['echo a#b', [['echo', 'a#b']]],
    ['echo a \\\n b', [['echo', 'a', 'b']]],
    ['a &> f; b 2>&1 >> g', [['a'], ['b']]],
    ['echo {a,b}', [['echo', '{a,b}']]],
    ['ls !(x|y)', [['ls', '!(x|y)']]],
    ['for x in a b; { echo $x; }', [['echo', '$x']]],
    ['echo ${x:-$(a)}', [['echo', '${x:-$(a)}']]],
  ];
  for (const [source, expected] of table) {
    it(`parses ${JSON.stringify(source)}`, () => {
      const result = parseShell(source);
      assert.deepEqual(result.errors, []);
      assert.equal(result.truncated, false);
      assert.deepEqual(commands(result.list), expected);
    });
  }

  it('records list operators', () => {
    const ops = parseShell('a && b || c; d & e').list.items.map((i) => i.op);
    assert.deepEqual(ops, ['&&', '||', ';', '&', ';']);
  });

  it('reads redirections with descriptors and targets', () => {
    const command = firstSimple('cmd 2>err.log >>out <in 3<&0 &>all >|clobber');
    assert.deepEqual(
      command.redirects.map((r) => [r.op, r.fd, wordText(r.target)]),
      [
        ['>', 2, 'err.log'],
        ['>>', undefined, 'out'],
        ['<', undefined, 'in'],
        ['<&', 3, '0'],
        ['&>', undefined, 'all'],
        ['>|', undefined, 'clobber'],
      ],
    );
  });

  it('reads heredoc bodies, with <<- tab stripping and quoted delimiters', () => {
    const command = firstSimple('psql <<-"SQL" && echo done\n\tDROP TABLE x;\n\tSQL\n');
    const doc = command.redirects[0]?.heredoc;
    assert.ok(doc);
    assert.equal(doc.text, 'DROP TABLE x;\n');
    assert.equal(doc.quoted, true);
    const result = parseShell('cat <<A; cat <<B\none\nA\ntwo\nB\necho after');
    assert.deepEqual(commands(result.list), [['cat'], ['cat'], ['echo', 'after']]);
    const texts = result.list.items.slice(0, 2).map((i) => (i.pipeline.commands[0] as SimpleCommand).redirects[0]?.heredoc?.text);
    assert.deepEqual(texts, ['one\n', 'two\n']);
  });

  it('finds command substitutions inside an unquoted heredoc body, not a quoted one', () => {
    const open = firstSimple('cat <<EOF\n$(rm -rf x)\nEOF');
    assert.equal(open.redirects[0]?.heredoc?.substitutions.length, 1);
    const quoted = firstSimple("cat <<'EOF'\n$(rm -rf x)\nEOF");
    assert.equal(quoted.redirects[0]?.heredoc?.substitutions.length, 0);
  });

  it('keeps assignments apart from words', () => {
    const command = firstSimple('A=1 B+=two C=(x y) cmd D=3');
    assert.deepEqual(command.assignments.map((a) => a.name), ['A', 'B', 'C']);
    assert.equal(command.assignments[2]?.array, true);
    assert.deepEqual(command.words.map(wordText), ['cmd', 'D=3']);
  });

  it('marks words dynamic and glob as written', () => {
    const command = firstSimple('rm "$X" *.log \'*.txt\' a[bc] {x,y} plain ${Y}');
    assert.deepEqual(
      command.words.map((w) => {
        const a = toArgWord(w);
        return [a.text, a.dynamic, a.glob];
      }),
      [
        ['rm', false, false],
        ['$X', true, false],
        ['*.log', false, true],
        ['*.txt', false, false],
        ['abc'.replace('abc', 'a[bc]'), false, true],
        ['{x,y}', false, true],
        ['plain', false, false],
        ['${Y}', true, false],
      ],
    );
  });

  const errors: [string, RegExp][] = [
    ["echo 'unterminated", /single quote/],
    ['echo "unterminated', /double quote/],
    ['echo `unterminated', /backtick/],
    ['(echo a', /expected '\)'/],
    ['if true; then echo', /expected 'fi'/],
    ['echo a )', /unexpected/],
    ['fi', /unexpected 'fi'/],
    ['echo $(', /expected '\)'/],
  ];
  for (const [source, pattern] of errors) {
    it(`reports a syntax problem in ${JSON.stringify(source)} without throwing`, () => {
      const result = parseShell(source);
      assert.ok(result.errors.some((e) => pattern.test(e)), result.errors.join('; '));
    });
  }

  it('stops at the nesting budget and says so', () => {
    const result = parseShell('( '.repeat(5000) + 'ls' + ' )'.repeat(5000));
    assert.equal(result.truncated, true);
    assert.match(result.truncatedReason ?? '', /nests too deeply/);
  });

  it('stops at the size budget and says so', () => {
    const result = parseShell('a '.repeat(1000), { maxDepth: 100, maxNodes: 100 });
    assert.equal(result.truncated, true);
    assert.match(result.truncatedReason ?? '', /too large/);
  });
});

/** Valid bash that real scripts and agents write: none of it may be reported as a syntax error. */
const VALID_BASH: string[] = [
'echo ${x/#foo/bar} ${x%%.*}', 'echo "${x:-"default value"}"', 'echo $(( x > 1 ? 1 : 0 ))', 'arr+=(x)', 'declare -A m=([a]=1 [b]=2)', 'local arr=(a b)',
'[[ -n "$x" && ( "$y" == a || "$y" == b ) ]]', 'if [[ $x =~ ^[0-9]+$ ]]; then echo; fi', `echo "$(printf '%s\\n' "a b")"`, `trap 'echo "exit $?"' EXIT`,
'while (( i < 10 )); do ((i++)); done', 'for ((;;)); do break; done', 'case "$1" in --*) ;; esac', "x=$(cat <<'EOF'\nhello\nEOF\n)", 'echo hi | while read -r l; do :; done',
'function f { :; }', 'f() ( echo sub )', '{ echo a; } 2>&1 | tee log', "echo $'multi\\nline'", "printf -v var '%s' x", 'echo \\"quoted\\"', 'ls -- -weird', '[ "$a" \\< "$b" ]',
'time { sleep 1; }', '! { false; }', 'exec {fd}>file', 'cmd &>/dev/null &', 'echo ${arr[*]:1:2}', 'if true; then :; fi # done', 'cat <<EOF >file\nx\nEOF',
'(cd x && make) || exit 1', 'echo $((16#ff))', 'local -r x=1', "echo \"a\" 'b' $'c'", 'echo ~user/x', 'shopt -s extglob; rm !(keep).txt', '<file cat', '2>&1 cmd',
'[ -e x ] || { echo missing; exit 1; }', 'case $x in\n  a)\n    echo a\n    ;;\n  *)\n    echo other\n    ;;\nesac', 'for i in 1 2\ndo\n  echo $i\ndone',
'if [ x ]\nthen\n  echo\nelif [ y ]\nthen\n  :\nelse\n  :\nfi', 'foo() {\n  local a=$1\n  echo "$a"\n}\nfoo x', 'set -euo pipefail\nIFS=$\'\\n\\t\'',
'echo "${!prefix@}"', 'echo ${#arr[@]}', 'read -r -d \'\' VAR <<\'EOF\' || true\nbody\nEOF', 'cat <<EOF | grep x\n$HOME\nEOF', 'echo $[1+1]',
'a=1; b=$((a+1)); echo "$b"', 'x=`echo \\`echo hi\\``', 'echo "`date`"', 'until [ -f x ]; do sleep 1; done', 'select x in a b; do echo $x; break; done',
'echo a |& cat', 'coproc cat', 'echo {1..10..2}', 'mapfile -t arr < <(ls)', 'while IFS=, read -r a b; do :; done < f.csv', 'echo ${x:?missing}', 'echo ${x^^} ${x,,}',
'git log --pretty=format:"%h %s" | head', "awk '{ if ($1 > 0) print }' f", "sed -e 's/(a)/b/g' f", 'echo "a)b"', 'echo a\\)b', 'test $# -eq 0 && exit',
'echo "$@" "$*" $# $? $$ $! $-', 'case x in (a|b) echo;; esac', 'if ! grep -q x f; then echo; fi', 'echo "line1\nline2"', 'cat << "END"\n$x\nEND',
'for f in "$@"; do echo "$f"; done', '[[ "$a" < "$b" ]]', 'echo $(( (1+2)*3 ))', 'ls -la | awk \'{print $9}\' | sort -u',
];

describe('shell parser accepts valid bash', () => {
  for (const source of VALID_BASH) {
    it(JSON.stringify(source).slice(0, 90), () => {
      const result = parseShell(source);
      assert.deepEqual(result.errors, []);
      assert.equal(result.truncated, false);
    });
  }
});

describe('brace expansion', () => {
  const table: [string, string[] | undefined][] = [
    ['{cat,.env}', ['cat', '.env']],
    ['a{b,c}d', ['abd', 'acd']],
    ['{a,b}{1,2}', ['a1', 'a2', 'b1', 'b2']],
    ['x{a,{b,c}}', ['xa', 'xb', 'xc']],
    ['{1..3}', ['1', '2', '3']],
    ['{c..a}', ['c', 'b', 'a']],
    ['{01..03}', ['01', '02', '03']],
    ['{a}', undefined],
    ['"{a,b}"', undefined],
    ['plain', undefined],
  ];
  for (const [source, expected] of table) {
    it(`expands ${source}`, () => {
      const word = firstSimple(`echo ${source}`).words[1]!;
      assert.deepEqual(expandBraces(word), expected);
    });
  }

  it('refuses an expansion larger than the cap', () => {
    const word = firstSimple('echo {1..100000}').words[1]!;
    assert.equal(expandBraces(word, 256), undefined);
  });
});

describe('decoders', () => {
  it('decodes ANSI-C strings', () => {
    assert.equal(decodeAnsiC('\\x72\\x6d \\055rf\\t\\u00e9\\n\\\\'), 'rm -rf\t\u00e9\n\\');
  });

  it('decodes echo -e escapes and stops at \\c', () => {
    assert.deepEqual(decodeEchoEscapes('a\\tb\\0101\\cignored'), { text: 'a\tbA', stopped: true });
  });

  it('formats printf with escapes and reused formats', () => {
    assert.equal(printfOutput('\\x72\\x6d %s\\n', ['-rf']), 'rm -rf\n');
    assert.equal(printfOutput('%s;', ['a', 'b']), 'a;b;');
    assert.equal(printfOutput('\\162\\155', []), 'rm');
    assert.equal(printfOutput('%q', ['x']), undefined);
  });

  it('decodes base64 with and without padding, rejects non-base64', () => {
    const text = 'rm -rf /';
    const encoded = btoa(text);
    assert.equal(decodeBase64(encoded), text);
    assert.equal(decodeBase64(encoded.replace(/=+$/, '')), text);
    assert.equal(decodeBase64(encoded.slice(0, 4) + '\n' + encoded.slice(4)), text);
    assert.equal(decodeBase64('not base64!'), undefined);
    assert.equal(decodeBase64(btoa('caf\u00c3\u00a9')), 'caf\u00e9');
  });

  it('decodes UTF-16LE base64 (PowerShell -EncodedCommand) and hex dumps', () => {
    const utf16 = btoa(Array.from('Remove-Item x', (c) => c + '\0').join(''));
    assert.equal(decodeBase64Utf16le(utf16), 'Remove-Item x');
    assert.equal(decodeHex('726d202d7266202f'), 'rm -rf /');
    assert.equal(decodeHex('zz'), undefined);
  });
});
