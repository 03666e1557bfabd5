/**
 * PowerShell cmdlets that act on files, read as the POSIX commands the rule packs know: one
 * statement of `splitPowershell` in, the commands that mean the same out. `Remove-Item -Recurse
 * -Force C:\data` is `rm -r -f C:\data`; `Get-Content .env` is `cat .env`; `Set-Content`/`Out-File`
 * write like `tee`; `Copy-Item`/`Move-Item`/`Rename-Item` copy and move; `New-Item -ItemType
 * SymbolicLink` links; `Invoke-Expression 'text'` runs the text as PowerShell. Parameters are matched
 * the way PowerShell binds them: case-insensitive, any unambiguous prefix, `-Name:value` too.
 * Redirections (`>`, `>>`, `2>`) write their file. A statement that is not a file cmdlet is returned as
 * it is, for the engine's registry (git, psql, terraform ... are the same commands in PowerShell).
 */

import type { ArgWord } from './ast';

export type PowershellCommand =
  /** A command to judge, with its words. */
  | { kind: 'command'; name: string; args: ArgWord[] }
  /** PowerShell text to read in turn (Invoke-Expression of a literal). */
  | { kind: 'powershell'; text: string }
  /** Something that cannot be known before it runs. */
  | { kind: 'opaque'; reason: string };

interface CmdletSpec {
  /** Canonical lower-case name. */
  name: string;
  aliases: string[];
  /** Parameters that take a value; `path` names the ones whose values are paths. */
  valued: string[];
  switches: string[];
}

/** Invoke-WebRequest's and Invoke-RestMethod's parameters (PowerShell 7). */
const WEB_VALUED = ['uri', 'method', 'custommethod', 'body', 'infile', 'outfile', 'form', 'headers', 'contenttype', 'credential', 'certificate', 'certificatethumbprint', 'useragent', 'websession', 'sessionvariable', 'maximumredirection', 'maximumretrycount', 'retryintervalsec', 'timeoutsec', 'connectiontimeoutseconds', 'operationtimeoutseconds', 'proxy', 'proxycredential', 'authentication', 'token', 'transferencoding', 'sslprotocol', 'httpversion', 'responseheaderstvariable', 'statuscodevariable', 'followrellink', 'maximumfollowrellink', 'unixsocket'];
const WEB_SWITCHES = ['usebasicparsing', 'usedefaultcredentials', 'proxyusedefaultcredentials', 'disablekeepalive', 'passthru', 'skipcertificatecheck', 'skipheadervalidation', 'skiphttperrorcheck', 'allowunencryptedauthentication', 'allowinsecureredirect', 'nouseproxy', 'preservehttpmethod', 'preserveauthorizationonredirect', 'resume'];

const CMDLETS: CmdletSpec[] = [
  { name: 'remove-item', aliases: ['ri', 'rm', 'rmdir', 'rd', 'del', 'erase'], valued: ['path', 'literalpath', 'filter', 'include', 'exclude', 'credential', 'stream'], switches: ['recurse', 'force', 'whatif', 'confirm', 'usetransaction'] },
  { name: 'get-content', aliases: ['gc', 'cat', 'type'], valued: ['path', 'literalpath', 'filter', 'include', 'exclude', 'credential', 'stream', 'readcount', 'totalcount', 'tail', 'first', 'head', 'last', 'delimiter', 'encoding'], switches: ['raw', 'wait', 'force', 'asbytestream', 'usetransaction'] },
  { name: 'set-content', aliases: ['sc'], valued: ['path', 'literalpath', 'value', 'filter', 'include', 'exclude', 'credential', 'stream', 'encoding'], switches: ['force', 'nonewline', 'passthru', 'whatif', 'confirm', 'asbytestream', 'usetransaction'] },
  { name: 'add-content', aliases: ['ac'], valued: ['path', 'literalpath', 'value', 'filter', 'include', 'exclude', 'credential', 'stream', 'encoding'], switches: ['force', 'nonewline', 'passthru', 'whatif', 'confirm', 'asbytestream', 'usetransaction'] },
  { name: 'out-file', aliases: [], valued: ['filepath', 'literalpath', 'encoding', 'inputobject', 'width'], switches: ['append', 'force', 'noclobber', 'nonewline', 'whatif', 'confirm'] },
  { name: 'clear-content', aliases: ['clc'], valued: ['path', 'literalpath', 'filter', 'include', 'exclude', 'credential', 'stream'], switches: ['force', 'whatif', 'confirm', 'usetransaction'] },
  { name: 'copy-item', aliases: ['cpi', 'cp', 'copy'], valued: ['path', 'literalpath', 'destination', 'filter', 'include', 'exclude', 'credential', 'fromsession', 'tosession'], switches: ['recurse', 'force', 'container', 'passthru', 'whatif', 'confirm', 'usetransaction'] },
  { name: 'move-item', aliases: ['mi', 'mv', 'move'], valued: ['path', 'literalpath', 'destination', 'filter', 'include', 'exclude', 'credential'], switches: ['force', 'passthru', 'whatif', 'confirm', 'usetransaction'] },
  { name: 'rename-item', aliases: ['rni', 'ren'], valued: ['path', 'literalpath', 'newname', 'credential'], switches: ['force', 'passthru', 'whatif', 'confirm', 'usetransaction'] },
  { name: 'new-item', aliases: ['ni'], valued: ['path', 'name', 'itemtype', 'type', 'value', 'target', 'credential'], switches: ['force', 'whatif', 'confirm', 'usetransaction'] },
  { name: 'invoke-expression', aliases: ['iex'], valued: ['command'], switches: [] },
  { name: 'invoke-webrequest', aliases: ['iwr'], valued: WEB_VALUED, switches: WEB_SWITCHES },
  { name: 'invoke-restmethod', aliases: ['irm'], valued: WEB_VALUED, switches: WEB_SWITCHES },
  { name: 'start-bitstransfer', aliases: [], valued: ['source', 'destination', 'transfertype', 'displayname', 'description', 'priority', 'credential', 'authentication', 'proxyusage', 'proxylist', 'proxycredential', 'proxyauthentication', 'retryinterval', 'retrytimeout', 'transferpolicy', 'maxdownloadtime', 'certstorelocation', 'certstorename', 'certhash', 'customheaders'], switches: ['asynchronous', 'suspended', 'dynamic', 'usestoredcredential', 'whatif', 'confirm'] },
];

const BY_NAME = new Map<string, CmdletSpec>();
for (const spec of CMDLETS) for (const n of [spec.name, ...spec.aliases]) BY_NAME.set(n, spec);

/** Aliases that are also POSIX commands: read as the cmdlet only when a word binds to one of its parameters. */
const POSIX_NAMES = new Set(['rm', 'rmdir', 'cat', 'cp', 'mv']);

function word(text: string, from?: ArgWord): ArgWord {
  return { text, raw: from?.raw ?? text, dynamic: from?.dynamic ?? false, glob: from?.glob ?? /[*?[]/.test(text) };
}

interface Bound {
  values: Map<string, ArgWord[]>;
  switches: Set<string>;
  positional: ArgWord[];
  /** A word that named no parameter of the cmdlet (or named several). */
  unknown?: string;
}

/** The parameter a `-Name` prefix binds to, or undefined (none, or ambiguous). */
function bindName(prefix: string, spec: CmdletSpec): string | undefined {
  const all = [...spec.valued, ...spec.switches];
  if (all.includes(prefix)) return prefix;
  const hits = all.filter((p) => p.startsWith(prefix));
  return hits.length === 1 ? hits[0] : undefined;
}

function bind(spec: CmdletSpec, args: ArgWord[]): Bound {
  const out: Bound = { values: new Map(), switches: new Set(), positional: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const parsed = /^-([A-Za-z][A-Za-z0-9]*)(?::(.*))?$/.exec(a.text);
    // A `$` makes the word dynamic; `-Recurse:$true` is still a switch with a known value.
    const m = parsed && (!a.dynamic || (parsed[2] !== undefined && /^\$(true|false)$/i.test(parsed[2]))) ? parsed : null;
    if (!m) {
      out.positional.push(a);
      continue;
    }
    const name = bindName(m[1]!.toLowerCase(), spec);
    if (!name) {
      out.unknown ??= a.text;
      continue;
    }
    if (spec.switches.includes(name)) {
      if (m[2] === undefined || !/^\$?false$/i.test(m[2])) out.switches.add(name);
      continue;
    }
    const value = m[2] !== undefined ? word(m[2], a) : args[++i];
    if (value) out.values.set(name, [...(out.values.get(name) ?? []), value]);
  }
  return out;
}

/** PowerShell lists: `a,b` and `'a','b'` are several values. */
function items(words: ArgWord[] | undefined): ArgWord[] {
  return (words ?? []).flatMap((w) => (w.dynamic ? [w] : w.text.split(',').filter((p) => p !== '').map((p) => word(p, w))));
}

function paths(b: Bound, ...params: string[]): ArgWord[] {
  return items([...params.flatMap((p) => b.values.get(p) ?? []), ...b.positional]);
}

function literal(b: Bound): ArgWord[] {
  return items(b.values.get('literalpath')).map((w) => ({ ...w, glob: false }));
}

const flag = (text: string): ArgWord => word(text);

/** The commands a statement runs, read from PowerShell. */
export function powershellCommands(words: readonly ArgWord[]): PowershellCommand[] {
  const [head, ...rawArgs] = words;
  if (!head) return [];
  const out: PowershellCommand[] = [];
  // Redirections write their file, whatever the command.
  const args: ArgWord[] = [];
  for (let i = 0; i < rawArgs.length; i++) {
    const a = rawArgs[i]!;
    const m = /^(\d|\*)?(>>?)(.*)$/.exec(a.text);
    if (m && !a.dynamic && !/^['"]/.test(a.raw)) {
      const target = m[3] ? word(m[3], a) : rawArgs[++i];
      if (target && !/^&\d$/.test(target.text) && target.text.toLowerCase() !== '$null') out.push({ kind: 'command', name: 'tee', args: [...(m[2] === '>>' ? [flag('-a')] : []), target] });
      continue;
    }
    args.push(a);
  }
  const lower = head.text.toLowerCase();
  const environment = environmentRead(lower, head, args);
  if (environment) return [environment, ...out];
  const dotnet = dotnetCall(head);
  if (dotnet) return [dotnet, ...out];
  const spec = BY_NAME.get(lower);
  if (!spec) return [{ kind: 'command', name: head.text, args }, ...out];
  const b = bind(spec, args);
  if (POSIX_NAMES.has(lower) && (b.unknown !== undefined || (b.values.size === 0 && b.switches.size === 0))) {
    // `rm -rf data`: the POSIX reading (also what pwsh runs on Linux and macOS).
    return [{ kind: 'command', name: head.text, args }, ...out];
  }
  const recurse = b.switches.has('recurse') ? [flag('-r')] : [];
  const force = b.switches.has('force') ? [flag('-f')] : [];
  const named = [...paths(b, 'path', 'filepath'), ...literal(b)];
  if (named.length === 0 && ['remove-item', 'clear-content', 'move-item', 'rename-item', 'set-content', 'add-content'].includes(spec.name)) {
    // `Get-ChildItem logs | Remove-Item`: the items come down the pipeline, known only when it runs.
    return [{ kind: 'opaque', reason: `${head.text} acts on the items a pipeline hands it, known only when it runs` }, ...out];
  }
  switch (spec.name) {
    case 'remove-item':
      out.unshift({ kind: 'command', name: 'rm', args: [...recurse, ...force, flag('--'), ...paths(b, 'path'), ...literal(b)] });
      break;
    case 'get-content':
      out.unshift({ kind: 'command', name: 'cat', args: [flag('--'), ...paths(b, 'path'), ...literal(b)] });
      break;
    case 'set-content':
    case 'add-content':
    case 'out-file': {
      // The file is the first positional word unless a parameter names it (the next one is the value).
      const named = [...items(b.values.get(spec.name === 'out-file' ? 'filepath' : 'path')), ...literal(b)];
      const targets = named.length > 0 ? named : items(b.positional.slice(0, 1));
      const append = spec.name === 'add-content' || b.switches.has('append');
      out.unshift({ kind: 'command', name: 'tee', args: [...(append ? [flag('-a')] : []), ...targets] });
      break;
    }
    case 'clear-content':
      out.unshift({ kind: 'command', name: 'truncate', args: [flag('-s'), flag('0'), ...paths(b, 'path'), ...literal(b)] });
      break;
    case 'copy-item':
    case 'move-item': {
      const sources = [...items(b.values.get('path')), ...literal(b)];
      const rest = [...b.positional];
      if (sources.length === 0 && rest.length > 0) sources.push(...items([rest.shift()!]));
      const destination = b.values.get('destination')?.[0] ?? rest.shift();
      const cmd = spec.name === 'copy-item' ? 'cp' : 'mv';
      // Without a destination, the item lands in the current folder.
      out.unshift({ kind: 'command', name: cmd, args: [...(cmd === 'cp' ? recurse : []), ...force, flag('--'), ...sources, destination ?? flag('.')] });
      break;
    }
    case 'rename-item': {
      const source = [...items(b.values.get('path')), ...literal(b), ...b.positional][0];
      const newName = b.values.get('newname')?.[0] ?? b.positional[1];
      if (!source || !newName) break;
      const slash = Math.max(source.text.lastIndexOf('/'), source.text.lastIndexOf('\\'));
      const target = /[/\\]/.test(newName.text) ? newName : word(`${slash >= 0 ? source.text.slice(0, slash + 1) : ''}${newName.text}`, newName);
      out.unshift({ kind: 'command', name: 'mv', args: [flag('--'), source, target] });
      break;
    }
    case 'new-item': {
      const folder = items(b.values.get('path')).concat(b.positional.slice(0, 1));
      const named = b.values.get('name')?.[0];
      const targets = named ? (folder.length > 0 ? folder : [flag('.')]).map((f) => word(`${f.text}/${named.text}`, named.dynamic ? named : f)) : folder;
      const type = (b.values.get('itemtype') ?? b.values.get('type'))?.[0]?.text.toLowerCase() ?? 'file';
      const value = b.values.get('value')?.[0] ?? b.values.get('target')?.[0];
      if (/symbolic|hardlink|junction/.test(type) && value) out.unshift(...targets.map((t): PowershellCommand => ({ kind: 'command', name: 'ln', args: [...(type.startsWith('hard') ? [] : [flag('-s')]), ...force, value, t] })));
      else if (type === 'directory') out.unshift({ kind: 'command', name: 'mkdir', args: [flag('-p'), ...targets] });
      else out.unshift({ kind: 'command', name: 'tee', args: targets });
      break;
    }
    case 'invoke-webrequest':
    case 'invoke-restmethod':
      out.unshift(webRequest(b));
      break;
    case 'start-bitstransfer': {
      // Without `-TransferType Upload` BITS downloads: the source is the address.
      const type = b.values.get('transfertype')?.[0]?.text.toLowerCase() ?? 'download';
      const source = [...(b.values.get('source') ?? []), ...b.positional.slice(0, 1)][0];
      const destination = [...(b.values.get('destination') ?? []), ...b.positional.slice(1, 2)][0];
      if (type.startsWith('upload') && source && destination) out.unshift({ kind: 'command', name: 'curl', args: [flag('-T'), source, destination] });
      break;
    }
    case 'invoke-expression': {
      const text = [...(b.values.get('command') ?? []), ...b.positional];
      // `iwr https://… | iex`: with no command of its own it runs the text piped into it, unread here.
      if (text.length === 0) {
        out.unshift({ kind: 'opaque', reason: `${head.raw} runs the text piped into it, which cannot be read before it runs` });
        break;
      }
      // `(Get-Content x.ps1 -Raw)` and `$(...)` are text computed when it runs.
      if (text.some((w) => w.dynamic || /^\$?\(/.test(w.raw))) out.unshift({ kind: 'opaque', reason: `Invoke-Expression runs text built at run time (${head.raw} ${text.map((w) => w.raw).join(' ').slice(0, 80)})` });
      else out.unshift({ kind: 'powershell', text: text.map((w) => w.text).join(' ') });
      break;
    }
  }
  return out;
}

/** Invoke-WebRequest / Invoke-RestMethod as the curl command that sends the same: `-InFile` uploads a file, `-Form @{f=Get-Item FILE}` posts one. */
function webRequest(b: Bound): PowershellCommand {
  const args: ArgWord[] = [];
  const method = b.values.get('method')?.[0] ?? b.values.get('custommethod')?.[0];
  if (method) args.push(flag('-X'), method);
  for (const file of b.values.get('infile') ?? []) args.push(flag('--data-binary'), word(`@${file.text}`, file));
  // `$env:NAME` in a body or header is the shell's `$NAME`: the curl rules judge a secret variable sent out.
  const posixVariables = (w: ArgWord): ArgWord => ({ ...w, text: w.raw.replace(/\$\{?env:([A-Za-z_]\w*)\}?/gi, '$$$1').replace(/^"(.*)"$/s, '$1'), raw: w.raw.replace(/\$\{?env:([A-Za-z_]\w*)\}?/gi, '$$$1') });
  for (const body of b.values.get('body') ?? []) if (!/^\$?\(/.test(body.raw)) args.push(flag('--data-binary'), body.dynamic ? posixVariables(body) : body);
  for (const headers of b.values.get('headers') ?? []) if (/\$\{?env:/i.test(headers.raw)) args.push(flag('-H'), posixVariables(headers));
  for (const form of b.values.get('form') ?? []) {
    for (const m of form.raw.matchAll(/([\w-]+)\s*=\s*(?:\(\s*)?(?:get-item|gi|get-childitem|gci|dir)\s+(?:-(?:literal)?path\s+)?(['"]?)([^'";})\s]+)\2/gi)) {
      args.push(flag('-F'), word(`${m[1] ?? 'file'}=@${m[3] ?? ''}`));
    }
  }
  for (const out of b.values.get('outfile') ?? []) args.push(flag('-o'), out);
  const uri = b.values.get('uri')?.[0] ?? b.positional[0];
  if (uri) args.push(uri);
  return { kind: 'command', name: 'curl', args };
}

/** Cmdlets and aliases that read PowerShell's `env:` drive like a folder or a file. */
const ENV_DRIVE_READERS = new Set(['get-childitem', 'gci', 'dir', 'ls', 'get-item', 'gi', 'get-content', 'gc', 'cat', 'type', 'get-itemproperty', 'gp', 'get-itempropertyvalue', 'gpv', 'write-output', 'echo', 'write', 'write-host', 'out-host', 'out-string', 'format-list', 'fl', 'format-table', 'ft']);
const PRINTERS = new Set(['write-output', 'echo', 'write', 'write-host', 'out-host', 'out-string', 'format-list', 'fl', 'format-table', 'ft', 'write-information', 'write-verbose', 'write-warning', 'write-error', 'write-debug', 'set-clipboard', 'scb']);

/**
 * The environment read as PowerShell spells it: `Get-ChildItem env:` (`gci`, `dir`, `ls`) lists every
 * variable with its value, `Get-Item env:NAME` or `Get-Content env:NAME` one, and `$env:NAME` given to
 * a printer (or alone, which prints it) one; read as `printenv` with or without a name.
 */
function environmentRead(lower: string, head: ArgWord, args: readonly ArgWord[]): PowershellCommand | undefined {
  if (ENV_DRIVE_READERS.has(lower)) {
    for (const a of args) {
      const m = /^(?:-(?:literal)?path:?)?env:[\\/]?(.*)$/i.exec(a.text);
      if (!m) continue;
      const name = m[1] ?? '';
      return { kind: 'command', name: 'printenv', args: name === '' || /[*?[]/.test(name) ? [] : [word(name)] };
    }
  }
  const named = (w: ArgWord): string | undefined => /^\$\{?env:([A-Za-z_][A-Za-z0-9_]*)\}?$/i.exec(w.raw.replace(/^"(.*)"$/, '$1'))?.[1];
  const alone = args.length === 0 ? named(head) : undefined;
  if (alone) return { kind: 'command', name: 'printenv', args: [word(alone)] };
  if (PRINTERS.has(lower)) {
    const names = args.flatMap((a) => [...a.raw.matchAll(/\$\{?env:([A-Za-z_][A-Za-z0-9_]*)/gi)].map((m) => m[1] ?? ''));
    if (names.length > 0) return { kind: 'command', name: 'printenv', args: names.map((n) => word(n)) };
  }
  return undefined;
}

/** .NET static calls: `[Environment]::GetEnvironmentVariables()` is `printenv`, `[IO.File]::ReadAllText('f')` is `cat f`. */
function dotnetCall(head: ArgWord): PowershellCommand | undefined {
  const m = /^\[(?:system\.)?(environment|io\.file|system\.io\.file)\]::(\w+)\s*\((.*)\)/is.exec(head.raw);
  if (!m) return undefined;
  const type = (m[1] ?? '').toLowerCase();
  const method = (m[2] ?? '').toLowerCase();
  const literals = [...(m[3] ?? '').matchAll(/'([^']*)'|"([^"]*)"/g)].map((x) => word(x[1] ?? x[2] ?? '', { text: '', raw: x[0], dynamic: x[2] !== undefined && x[2].includes('$'), glob: false }));
  if (type === 'environment') {
    if (method === 'getenvironmentvariables') return { kind: 'command', name: 'printenv', args: [] };
    if (method === 'getenvironmentvariable' && literals[0]) return { kind: 'command', name: 'printenv', args: [literals[0]] };
    return undefined;
  }
  if (/^(readalltext|readalllines|readallbytes|readlines|opentext|openread|readalltextasync|readalllinesasync|readallbytesasync)$/.test(method)) {
    if (literals.some((l) => l.dynamic) || literals.length === 0) return { kind: 'opaque', reason: `${head.raw.slice(0, 80)} reads a file whose name is computed at run time` };
    return { kind: 'command', name: 'cat', args: [flag('--'), literals[0] as ArgWord] };
  }
  return undefined;
}
