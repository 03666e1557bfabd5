import type { CodeSnippet, Finding, RuleContext, RulePack } from '../policy/types';
import { filesPack } from './files';

/**
 * Calls spelled so that a name search misses them, in interpreter one-liners and scripts:
 * `__import__('shutil').rmtree(…)`, `importlib.import_module('shutil').rmtree(…)`,
 * `getattr(__import__('os'), 'remove')(…)`, `exec(base64.b64decode('…'))`, Ruby's
 * `FileUtils.send(:rm_rf, …)` / `public_send` / `method(:rm_rf).call(…)`. The code is rewritten to the
 * plain spelling (and base64 payloads decoded) and judged again by the files pack.
 */

function decodeBase64(text: string): string | undefined {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(text) || text.length > 100_000) return undefined;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const clean = text.replace(/[\s=]/g, '');
  let bits = 0;
  let value = 0;
  let out = '';
  for (const c of clean) {
    const i = alphabet.indexOf(c);
    if (i < 0) return undefined;
    value = (value << 6) | i;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((value >> bits) & 0xff);
    }
  }
  // Only printable text (and tab, newline, return) is code worth reading again.
  for (let i = 0; i < out.length; i++) {
    const c = out.charCodeAt(i);
    if (c > 0x7e || (c < 0x20 && c !== 9 && c !== 10 && c !== 13)) return undefined;
  }
  return out;
}

/** The code with indirect spellings made plain; undefined when nothing was rewritten. */
export function plainSpelling(code: string, language: CodeSnippet['language']): string | undefined {
  let text = code.length > 200_000 ? code.slice(0, 200_000) : code;
  const before = text;
  if (language === 'python') {
    const imported = String.raw`(?:__import__|importlib\.import_module|import_module)\(\s*['"]([\w.]+)['"]\s*\)`;
    for (let i = 0; i < 3; i++) {
      text = text.replace(new RegExp(String.raw`getattr\(\s*${imported}\s*,\s*['"](\w+)['"]\s*\)`, 'g'), '$1.$2');
      text = text.replace(new RegExp(String.raw`getattr\(\s*([\w.]+)\s*,\s*['"](\w+)['"]\s*\)`, 'g'), '$1.$2');
      text = text.replace(new RegExp(imported, 'g'), '$1');
    }
    text = text.replace(/(?:base64\.)?b64decode\(\s*b?['"]([A-Za-z0-9+/=\s]+)['"]\s*\)/g, (m, payload: string) => {
      const decoded = decodeBase64(payload);
      return decoded === undefined ? m : `(${JSON.stringify(decoded)})\n${decoded}\n`;
    });
  } else if (language === 'ruby') {
    text = text.replace(/\.(?:public_)?send\(\s*:(\w+!?)\s*,\s*/g, '.$1(').replace(/\.(?:public_)?send\(\s*['"](\w+!?)['"]\s*,\s*/g, '.$1(');
    text = text.replace(/\.method\(\s*:(\w+!?)\s*\)\.call\(/g, '.$1(');
  } else if (language === 'javascript') {
    text = text.replace(/\[\s*['"`](\w+)['"`]\s*\]\s*\(/g, '.$1(');
    text = text.replace(/require\(\s*['"](?:node:)?fs['"]\s*\)\s*\.\s*/g, 'fs.');
  }
  return text === before ? undefined : text;
}

export const indirectCallsPack: RulePack = {
  id: 'indirect-calls',
  title: 'Deleting calls spelled indirectly in interpreter code (__import__, getattr, import_module, base64 exec, send)',
  checkSnippet(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
    if (snippet.language !== 'python' && snippet.language !== 'ruby' && snippet.language !== 'javascript') return [];
    const plain = plainSpelling(snippet.text, snippet.language);
    if (plain === undefined) return [];
    return (filesPack.checkSnippet?.({ ...snippet, text: plain }, ctx) ?? []).map((f) => ({ ...f, rule: f.rule.replace(/^files\./, 'indirect-calls.') }));
  },
};
