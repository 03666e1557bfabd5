/**
 * Build tools that run a command of their own: `cmake -E rm -rf x` (its portable command mode:
 * `rm`, `remove`, `remove_directory`, and `env`/`chdir`/`time` that start a command), and Maven's
 * exec plugin (`mvn exec:exec -Dexec.executable=rm -Dexec.args='-rf x'`). What they run is judged
 * like the command it stands for.
 */

import { ownTable } from '../../ownTable';
import { parseCommand, type GrammarSpec } from '../../shell/grammar';
import type { ArgWord, Invocation } from '../types';
import type { Exec, Handler, Walker } from './context';

const CMAKE: GrammarSpec = {
  options: [
    { names: ['-E'], takes: 'none', endsOptions: true },
    { names: ['-S', '-B', '-C', '-D', '-U', '-G', '-T', '-A', '-P', '--build', '--install', '--preset', '--config', '--target', '-t', '-j', '--parallel'], takes: 'one' },
  ],
  unknownShort: 'switch',
  unknownLong: 'switch',
};

/** What a `cmake -E` command means, in POSIX words. */
const CMAKE_COMMANDS: Readonly<Record<string, (rest: ArgWord[]) => ArgWord[] | undefined>> = ownTable({
  rm: (rest) => rest,
  remove: (rest) => [word('-f'), ...rest],
  remove_directory: (rest) => [word('-rf'), ...rest],
  env: (rest) => [word('env'), ...rest],
  chdir: (rest) => rest.slice(1),
  time: (rest) => rest,
});

function word(text: string): ArgWord {
  return { text, raw: text, dynamic: false, glob: false };
}

function cmake(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  const parsed = parseCommand(args, CMAKE);
  if (!parsed.options.some((o) => o.name === '-E')) return inv;
  const [sub, ...rest] = parsed.operands;
  if (!sub || sub.dynamic) return inv;
  const meaning = CMAKE_COMMANDS[sub.text]?.(rest);
  if (!meaning) return inv;
  const argv = sub.text === 'env' || sub.text === 'chdir' || sub.text === 'time' ? meaning : [word('rm'), ...meaning];
  if (argv.length > 0) w.run(argv, { ...exec, wrappers: [...exec.wrappers, `cmake -E ${sub.text}`] });
  return inv;
}

const MVN: GrammarSpec = {
  options: [{ names: ['-D', '--define'], takes: 'one' }, { names: ['-f', '--file', '-P', '--activate-profiles', '-s', '--settings', '-pl', '--projects', '-T', '--threads', '-rf', '--resume-from', '-gs', '--global-settings', '-l', '--log-file'], takes: 'one' }],
  unknownShort: 'switch',
  unknownLong: 'switch',
};

/** `mvn exec:exec -Dexec.executable=PROG -Dexec.args='ARGS'`: PROG ARGS runs on this machine. */
function mvn(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  const parsed = parseCommand(args, MVN);
  if (!parsed.operands.some((o) => /^(org\.codehaus\.mojo:)?exec(-maven-plugin)?(:[\d.]+)?:exec$/.test(o.text))) return inv;
  const defines = new Map<string, ArgWord>();
  for (const option of parsed.options) {
    if (option.name !== '-D') continue;
    option.valueWords.forEach((v, n) => {
      const m = /^(exec\.(?:executable|args))=(.*)$/s.exec(option.values[n] ?? v.text);
      if (m) defines.set(m[1]!, { ...v, text: m[2]! });
    });
  }
  const program = defines.get('exec.executable');
  if (!program) return inv;
  const argsText = defines.get('exec.args');
  if (program.dynamic || argsText?.dynamic) w.addOpaque('mvn exec:exec runs a program named at run time', w.viaOf(exec));
  else w.analyzeText(`${program.text} ${argsText?.text ?? ''}`, w.childScope(exec, 'mvn exec:exec'));
  return inv;
}

export const buildToolHandlers: Record<string, Handler> = { cmake, mvn, mvnw: mvn, './mvnw': mvn };
