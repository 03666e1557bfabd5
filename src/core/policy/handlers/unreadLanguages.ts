/**
 * Interpreters whose language the hook does not model (Elixir, Groovy, Babashka/Clojure, Racket,
 * jshell, Erlang, Scala): their one-liners (`-e`, `--eval`, `-eval`) and standard input are scanned
 * for calls that start programs or delete files. One found asks as code that cannot be checked;
 * `elixir -e 'IO.puts 1'` stays allowed.
 */

import { ownTable } from '../../ownTable';
import { parseCommand, type GrammarSpec } from '../../shell/grammar';
import { stdinText } from '../knownOutput';
import type { ArgWord, Invocation } from '../types';
import type { Exec, Handler, Walker } from './context';

interface Language {
  label: string;
  /** Options whose value is code. */
  code: readonly string[];
  /** Reads its program from standard input when given none. */
  stdin: boolean;
  /** Calls that start a program or delete files. */
  acts: RegExp;
}

const ELIXIR: Language = { label: 'Elixir', code: ['-e', '--eval'], stdin: false, acts: /\b(System\.(cmd|shell)|:os\.cmd|Port\.open|File\.(rm|rm_rf|rmdir)!?)\b/ };
const GROOVY: Language = { label: 'Groovy', code: ['-e'], stdin: false, acts: /\.execute\s*\(|\bRuntime\b|\bProcessBuilder\b|\.(deleteDir|delete)\s*\(|\bFiles\.delete/ };
const CLOJURE: Language = { label: 'Clojure', code: ['-e', '--eval'], stdin: false, acts: /\((?:[\w.]+\/)?(shell|sh|process|exec|delete|delete-tree|delete-file|delete-if-exists)\b|clojure\.java\.shell|babashka\.(process|fs)/ };
const RACKET: Language = { label: 'Racket', code: ['-e', '--eval'], stdin: false, acts: /\((system\*?|process\*?|subprocess|delete-directory\/files|delete-directory|delete-file|shell-execute)\b/ };
const JAVA: Language = { label: 'Java (jshell)', code: [], stdin: true, acts: /\bRuntime\b|\bProcessBuilder\b|\bFiles\.(delete|deleteIfExists|walk)\b|\.delete\s*\(/ };
const ERLANG: Language = { label: 'Erlang', code: ['-eval'], stdin: false, acts: /\bos:cmd\b|\bopen_port\b|\bfile:(delete|del_dir|del_dir_r)\b/ };
const SCALA: Language = { label: 'Scala', code: ['-e'], stdin: false, acts: /\bsys\.process\b|\.!!?|\bRuntime\b|\bProcessBuilder\b|\bFiles\.delete/ };

const LANGUAGES: Readonly<Record<string, Language>> = ownTable({
  elixir: ELIXIR, groovy: GROOVY, bb: CLOJURE, clojure: CLOJURE, clj: CLOJURE, racket: RACKET, jshell: JAVA, erl: ERLANG, scala: SCALA,
});

const grammars = new Map<string, GrammarSpec>();
function grammarOf(language: Language): GrammarSpec {
  const key = language.code.join(' ');
  let grammar = grammars.get(key);
  if (!grammar) {
    grammar = { options: language.code.length > 0 ? [{ names: [...language.code], takes: 'one' }] : [], unknownShort: 'switch', unknownLong: 'switch' };
    grammars.set(key, grammar);
  }
  return grammar;
}

const unreadLanguage: Handler = (w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined => {
  const inv = w.emit(name, first.text, args, exec);
  const language = LANGUAGES[name]!;
  const texts: string[] = [];
  for (const option of parseCommand(args, grammarOf(language)).options) {
    option.valueWords.forEach((word, n) => {
      if (word.dynamic) w.addOpaque(`${name} runs ${language.label} code built at run time`, w.viaOf(exec));
      else texts.push(option.values[n] ?? word.text);
    });
  }
  if (language.stdin && exec.stdin && !exec.stdinUnknown) texts.push(stdinText(w, exec.stdin, 0)?.text ?? '');
  if (texts.some((t) => language.acts.test(t))) w.addOpaque(`${name} runs ${language.label} code that starts programs or deletes files, which the hook cannot read`, w.viaOf(exec));
  return inv;
};

export const unreadLanguageHandlers: Record<string, Handler> = Object.fromEntries(Object.keys(LANGUAGES).map((name) => [name, unreadLanguage]));
