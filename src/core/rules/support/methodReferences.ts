import type { SnippetLanguage } from '../../shell/ast';
import { foldedText } from './foldedStrings';

/**
 * A method handed on instead of called (red team round 16): Ruby's `objects.each(&:delete)` and
 * `keys.each(&r.method(:del))`, Python's `map(stripe.Customer.delete, ids)`, JavaScript's
 * `ids.forEach(client.del)` (or `client.del.bind(client)`), and PHP's method named by a variable
 * (`$m = "delete"."Bucket"; $c->$m([...])`). Each is written back as the call it makes on every item
 * (`each { |item| item.delete }`, `map(lambda item: stripe.Customer.delete(item), ids)`), so the readers of
 * client calls see the method and the receiver it is called on. A PHP method name that no literal gives
 * stays unresolved and is reported, so the caller can ask: what it calls cannot be read.
 */

export interface WrittenCalls {
  code: string;
  /** PHP calls on an object through a method name computed at run time (`$c->$m(…)`), as written. */
  computed: string[];
}

const RECEIVER = String.raw`[A-Za-z_$][\w$]*(?:(?:\.|::)[A-Za-z_$][\w$]*|\([^()]{0,200}\))*`;
const ITERATORS = 'each|map|flat_map|each_slice|each_with_index|find_each|select|reject|filter_map|collect|each_entry';

function ruby(code: string): string {
  if (!code.includes('&')) return code;
  // `xs.each(&:delete)`, `xs.each &:delete` → `xs.each { |item| item.delete }`.
  code = code.replace(new RegExp(String.raw`\.(${ITERATORS})\s*(?:\(\s*&:(\w+[!?]?)\s*\)|\s&:(\w+[!?]?))`, 'g'), (_m, it: string, a?: string, b?: string) => `.${it} { |item| item.${a ?? b} }`);
  // `xs.each(&r.method(:del))` → `xs.each { |item| r.del(item) }`.
  return code.replace(new RegExp(String.raw`\.(${ITERATORS})\s*\(\s*&\s*(${RECEIVER})\.method\s*\(\s*:(\w+[!?]?)\s*\)\s*\)`, 'g'), (_m, it: string, recv: string, name: string) => `.${it} { |item| ${recv}.${name}(item) }`);
}

function python(code: string): string {
  if (!code.includes('map')) return code;
  // `map(client.delete, ids)`, `executor.map(s3.delete_object, keys)` → the method called on each item.
  return code.replace(new RegExp(String.raw`\b(map|starmap|imap|imap_unordered)\s*\(\s*(${RECEIVER}\.[A-Za-z_]\w*)\s*,`, 'g'), (_m, fn: string, ref: string) => `${fn}(lambda item: ${ref}(item),`);
}

function javascript(code: string): string {
  // `ids.forEach(client.del)`, `.map(s3.deleteObject.bind(s3))`, `.then(db.dropDatabase)` → an arrow calling it.
  return code.replace(new RegExp(String.raw`\.(forEach|map|flatMap|then|filter|every|some)\s*\(\s*(${RECEIVER}\.[A-Za-z_$][\w$]*)(?:\.bind\s*\([^()]*\))?\s*\)`, 'g'), (whole, fn: string, ref: string) => (ref.endsWith('.bind') ? whole : `.${fn}((item) => ${ref}(item))`));
}

/** A third-party client object in PHP: a namespaced class (`new Aws\S3\S3Client(…)`) or one named as a client, or a vendor's factory. */
const CLIENT_BUILT = String.raw`(?:new\s+\\?(?:[A-Z]\w*\\)+\w+|new\s+\w*(?:Client|Sdk|SDK|Api|API)\b|\\?(?:[A-Z]\w*\\)*[A-Z]\w*::(?:factory|create|client|make)\s*\()`;

function php(code: string, computed: string[]): string {
  if (!/->\s*\$/.test(code)) return code;
  const folded = foldedText(code, 'php');
  let out = folded;
  for (const m of folded.matchAll(/\$(\w+)\s*->\s*\$(\w+)\s*\(/g)) {
    const name = m[2]!;
    const assigned = [...folded.matchAll(new RegExp(String.raw`\$${name}\s*=(?!=)\s*([^;]+);`, 'g'))].map((a) => a[1]!.trim());
    const literal = assigned.length === 1 ? /^(['"])(\w+)\1$/.exec(assigned[0]!)?.[2] : undefined;
    if (literal !== undefined) out = out.replace(new RegExp(String.raw`->\s*\$${name}\s*\(`, 'g'), `->${literal}(`);
    else if (computed.length < 4 && new RegExp(String.raw`\$${m[1]!}\s*=\s*${CLIENT_BUILT}`).test(folded)) computed.push(m[0].replace(/\s*\($/, '(…)').slice(0, 60));
  }
  return out;
}

/** `code` with methods handed on written as calls; the same text when it hands none on. */
export function writtenAsCalls(language: SnippetLanguage, code: string): WrittenCalls {
  const computed: string[] = [];
  const text = code.length > 50_000 ? code.slice(0, 50_000) : code;
  const written = language === 'ruby' ? ruby(text) : language === 'python' ? python(text) : language === 'javascript' ? javascript(text) : language === 'php' ? php(text, computed) : text;
  return { code: written === text ? code : written, computed };
}
