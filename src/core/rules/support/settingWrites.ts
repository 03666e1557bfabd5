import type { ArgWord } from '../../policy/types';
import { parsedArgs, toolNamed } from '../../registry/commandModel';
import { identifierParts } from './cliArgs';
import { jsonTreeValues, KEY_WORDS, parseJsonLoose, protectionLostBy, SCANNING_LOST } from './releaseValues';

/**
 * A resource's settings written through a generic road — `az resource update --set …`, `az rest --body`,
 * `aws cloudcontrol update-resource --patch-document`, a signed request's query (`awscurl
 * "…?Action=ModifyDBInstance&BackupRetentionPeriod=0"`), shorthand (`scanOnPush=false`), form fields
 * (`gh api … -f allowed_actions=all`), a stack's configuration (`pulumi config set deletionProtection
 * false`) — read as key/value pairs and judged by what the key means (issue #18 item 4, red team round
 * 14). Read by the safety-net pack for any CLI; each reading names what is lost.
 */

export interface SettingLowered {
  id: string;
  does: string;
  lost: string;
}

interface WordsLike {
  positionals: readonly string[];
  all: readonly string[];
}

/** Words that must be present (one test over the joined words) for any reading here to find something: the table's words and scanning options. */
export const SETTING_WORDS = KEY_WORDS;

function meaningOf(path: readonly string[], value: string | null): SettingLowered | undefined {
  return protectionLostBy({ path, value });
}

/** Key/value pairs in one word: JSON (a body, a JSON Patch), `k=v` lists joined by `,` `&` `?` (shorthand, `--set`, a URL's query). */
function pairsOf(word: string): { path: string[]; value: string | null }[] {
  const t = word.trim();
  if (/^[{[]/.test(t)) {
    const parsed = parseJsonLoose(t);
    if (parsed === undefined) return [];
    // JSON Patch: `[{"op":"replace","path":"/DeletionProtection","value":false}]`.
    if (Array.isArray(parsed) && parsed.every((p) => p !== null && typeof p === 'object' && 'op' in p)) {
      return parsed.flatMap((p: Record<string, unknown>) => (/^(replace|add)$/.test(String(p.op)) && typeof p.path === 'string' ? jsonTreeValues(p.value, p.path.split('/').filter((s) => s !== '')).map((e) => ({ path: [...e.path], value: e.value })) : []));
    }
    return jsonTreeValues(parsed).map((e) => ({ path: [...e.path], value: e.value }));
  }
  // A connection string (`postgres://…?sslmode=disable`) is how this client connects, not a setting of the server.
  if (/^[a-z][\w+.-]*:\/\//i.test(t) && !/^https?:\/\//i.test(t)) return [];
  const out: { path: string[]; value: string | null }[] = [];
  for (const piece of t.split(/[,&?]/)) {
    const m = /^([A-Za-z_][\w.\-[\]/]*)=(?!=)(.*)$/.exec(piece.trim());
    // A client's own TLS mode (`sslmode=disable` in a DSN or a query) likewise.
    if (m && /(^|[./])sslmode$/i.test(m[1]!)) continue;
    if (m) out.push({ path: m[1]!.split(/[./]/).filter((s) => s !== ''), value: decodeSafe(m[2]!) });
  }
  // AWS shorthand attribute lists (`Key=deletion_protection.enabled,Value=false`): the key is the pair's value.
  for (let i = 0; i + 1 < out.length; i++) {
    const [k, v] = [out[i]!, out[i + 1]!];
    if (/^key$/i.test(k.path.join('.')) && /^value$/i.test(v.path.join('.')) && k.value !== null) out.splice(i, 2, { path: k.value.split(/[./]/).filter((s) => s !== ''), value: v.value });
  }
  return out;
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The noun before `set` that makes its next two words a setting and its value. */
const CONFIG_NOUN = /^(config|configs|configuration|setting|settings|property|properties|param|params|parameter|parameters)$/;

const READS = /^(list|ls|show|get|describe|query|search|export)$/;
/** Verbs that change a resource's settings (an option on `create` is how it starts, not a protection lowered). */
const CHANGES = /^(update|set|modify|patch|config|configure|edit|put)$/;
const RELEASE_TOOLS = new Set(['helm', 'helmfile', 'argocd', 'flux']);

/** A setting written that lowers a protection, read from any CLI's words. */
export function settingLowered(name: string, w: WordsLike, parts: readonly string[], args?: readonly ArgWord[], options: readonly { name: string; bare: string; value: string | undefined }[] = []): SettingLowered | undefined {
  // Release tools are read by `rules/releaseProtection.ts`, which knows which of their verbs apply values.
  if (RELEASE_TOOLS.has(name) || readsBeforeSet(w.positionals, parts) || !SETTING_WORDS.test(w.all.join(' '))) return undefined;
  // `pulumi config set [--path] KEY VALUE [--stack S]`: the stack's configuration, applied at the next up.
  const pulumi = name === 'pulumi' && args !== undefined ? toolNamed('pulumi') : undefined;
  if (pulumi && args) {
    const parsed = parsedArgs(args, pulumi);
    const [verb, key, value] = parsed.operands.map((o) => o.text);
    if (parsed.path[0] === 'config' && verb === 'set' && key !== undefined) {
      const path = key.split(/[.:]/).filter((s) => s !== '');
      const m = meaningOf(path, value ?? '');
      if (m) return { id: m.id, does: `sets ${key} to ${value ?? '(empty)'} in the stack's configuration`, lost: m.lost };
    }
  }
  // `rpk cluster config set enable_sasl false`, `vendor settings set KEY VALUE`: a server's setting written as two words after `config set`.
  const set = w.positionals.findIndex((x, i) => x === 'set' && i > 0 && CONFIG_NOUN.test(w.positionals[i - 1]!));
  const [key, value] = set >= 0 ? w.positionals.slice(set + 1, set + 3) : [];
  if (key !== undefined && value !== undefined && /^[A-Za-z_][\w.\-/]*$/.test(key)) {
    const m = meaningOf(key.split(/[./]/).filter((s) => s !== ''), value);
    if (m) return { id: m.id, does: `sets ${key} to ${value}`, lost: m.lost };
  }
  // Stop 38: `ceph config set mon KEY VALUE`, `gluster volume set VOL KEY VALUE`, `snapper set-config`: each word pair after a set verb read as a key and its value.
  const pair = setPairs(w.positionals);
  if (pair) return pair;
  // `az storage account update --allow-shared-key-access true`: a resource's setting given as an option and its value, on a change.
  if (parts.some((p) => CHANGES.test(p))) {
    for (const o of options) {
      const m = o.value !== undefined && o.value.length <= 200 ? meaningOf([o.bare], o.value) : undefined;
      if (m) return { id: m.id, does: `${m.does.replace(/ \(.*\)$/, '')} (${o.name} ${o.value})`, lost: m.lost };
    }
  }
  for (const word of w.all) {
    if (word.length > 20_000) continue;
    // `--no-scan-on-push`, `--disable-vulnerability-scanning`, `--scan-on-push=false`: scanning switched off by an option.
    if (/^--(no|disable)-[\w-]*scan/.test(word) || /^--[\w-]*scan[\w-]*=(false|off|no|disabled?)$/i.test(word)) return { id: 'security-scanning-off', does: `turns vulnerability scanning off (${word})`, lost: SCANNING_LOST };
    for (const p of pairsOf(word)) {
      const m = meaningOf(p.path, p.value);
      if (m) return m;
    }
  }
  return undefined;
}

/** A set verb among the first command words (`set`, `set-config`, `set_parameter`, `setconf`, `config-set`). */
// Stop 39: `write` as macOS `defaults write DOMAIN KEY -bool false` and other preference stores say it.
const SET_VERB = /^(set|setconf|setconfig|setparam|setparameter|setproperty|setprop|setopt|setoption|write)$/;

const setVerbAt = (positionals: readonly string[]): number => positionals.slice(0, 4).findIndex((x) => /^[A-Za-z][\w:-]*$/.test(x) && (SET_VERB.test(x.toLowerCase().replace(/[^a-z]/g, '')) || identifierParts(x)[0] === 'set'));

/** A read among the command words; after a set verb the words are keys and values (`defaults write … LSQuarantine`: `ls` is no read there). */
function readsBeforeSet(positionals: readonly string[], parts: readonly string[]): boolean {
  const at = setVerbAt(positionals);
  if (at < 0) return parts.some((p) => READS.test(p));
  return positionals.slice(0, at + 1).filter((x) => /^[A-Za-z][A-Za-z0-9:_-]*$/.test(x)).flatMap((x) => identifierParts(x)).some((p) => READS.test(p));
}

function setPairs(positionals: readonly string[]): SettingLowered | undefined {
  const at = setVerbAt(positionals);
  if (at < 0) return undefined;
  const rest = positionals.slice(at + 1, at + 9);
  for (let i = 0; i + 1 < rest.length; i++) {
    const [key, value] = [rest[i]!, rest[i + 1]!];
    if (!/^[A-Za-z_][\w.\-/]*$/.test(key) || key.length > 80) continue;
    const m = meaningOf(key.split(/[./]/).filter((s) => s !== ''), value);
    if (m) return { id: m.id, does: `sets ${key} to ${value}`, lost: m.lost };
  }
  return undefined;
}
