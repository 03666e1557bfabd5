import type { Node } from 'jsonc-parser';
import { parseTree } from './jsoncTree';

/**
 * Key/value pairs from configuration text (dotenv, JSON, YAML, TOML, INI, properties), with the
 * context a human would use to tell whose credential it is: the enclosing keys or sections and the
 * string values beside it (`{"service": "railway", "token": "..."}`).
 */
export interface KeyValue {
  key: string;
  value: string;
  /** Enclosing keys or section names, outermost first. */
  parents: readonly string[];
  /** Other string values in the same object or section (lower-cased), for provider hints. */
  siblings: readonly string[];
}

export type ConfigFormat = 'json' | 'dotenv' | 'yaml' | 'toml' | 'ini' | 'properties';

/** The configuration format for a file name, or undefined when it is not a config file. */
export function configFormatOf(fileName: string): ConfigFormat | undefined {
  const name = fileName.toLowerCase();
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return 'dotenv';
  if (/\.(json|jsonc|json5)$/.test(name) || name.endsWith('.tfstate') || name.endsWith('.tfstate.backup')) return 'json';
  if (/\.(ya?ml)$/.test(name) || name === 'kubeconfig' || name === 'config' ) return 'yaml';
  if (/\.(toml|tfvars)$/.test(name)) return 'toml';
  if (/\.(ini|cfg|conf)$/.test(name) || ['.npmrc', '.pypirc', 'credentials', '.gitconfig', '.pgpass'].includes(name)) return 'ini';
  if (name.endsWith('.properties')) return 'properties';
  if (/\.(bak|backup|old|orig|save)$/.test(name)) return configFormatOf(name.replace(/\.(bak|backup|old|orig|save)$/, ''));
  return undefined;
}

function unquote(raw: string): string {
  const v = raw.trim();
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'" || v[0] === '`') && v[v.length - 1] === v[0]) return v.slice(1, -1);
  return v;
}

/** Strip a trailing ` # comment` from an unquoted value. */
function stripInlineComment(raw: string): string {
  const v = raw.trim();
  if (v.startsWith('"') || v.startsWith("'")) {
    const end = v.indexOf(v[0] as string, 1);
    return end > 0 ? v.slice(0, end + 1) : v;
  }
  return v.replace(/\s+[#;].*$/, '');
}

function extractJson(text: string): KeyValue[] | undefined {
  const errors: { error: number; offset: number; length: number }[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (!root || (root.type !== 'object' && root.type !== 'array')) return undefined;
  if (errors.length > 0 && root.type !== 'object') return undefined;
  const out: KeyValue[] = [];
  const visit = (node: Node, parents: string[]): void => {
    if (node.type === 'array') {
      for (const child of node.children ?? []) visit(child, parents);
      return;
    }
    if (node.type !== 'object') return;
    const props = (node.children ?? []).filter((p) => p.type === 'property' && p.children && p.children.length === 2);
    const siblings = props
      .map((p) => p.children?.[1])
      .filter((v): v is Node => v !== undefined && v.type === 'string' && typeof v.value === 'string' && (v.value as string).length < 80)
      .map((v) => (v.value as string).toLowerCase());
    for (const prop of props) {
      const keyNode = prop.children?.[0];
      const valueNode = prop.children?.[1];
      if (!keyNode || !valueNode || typeof keyNode.value !== 'string') continue;
      const key = keyNode.value;
      if (valueNode.type === 'string' && typeof valueNode.value === 'string') {
        out.push({ key, value: valueNode.value, parents, siblings });
      } else if (valueNode.type === 'number' && typeof valueNode.value === 'number') {
        out.push({ key, value: String(valueNode.value), parents, siblings });
      } else {
        visit(valueNode, [...parents, key]);
      }
    }
  };
  visit(root, []);
  return out;
}

/**
 * Line-based pairs: `KEY=value`, `export KEY="value"`, `key = "value"` under `[section]`,
 * and YAML `key: value` with indentation giving the parents.
 */
function extractLines(text: string, format: ConfigFormat): KeyValue[] {
  const out: KeyValue[] = [];
  let section: string[] = [];
  const yamlStack: { indent: number; key: string }[] = [];
  const groupStart = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const sectionMatch = /^\[+\s*([^\]]+?)\s*\]+$/.exec(trimmed);
    if (sectionMatch && format !== 'yaml') {
      section = (sectionMatch[1] ?? '').split('.').map((s) => unquote(s));
      continue;
    }
    let parents: string[] = section;
    let key: string | undefined;
    let rawValue: string | undefined;
    if (format === 'yaml') {
      const m = /^(\s*)(?:-\s+)?(["']?)([^"':#][^:]*?)\2\s*:(?:\s+(.*)|\s*)$/.exec(line);
      if (!m) continue;
      const indent = (m[1] ?? '').length;
      while (yamlStack.length > 0 && (yamlStack[yamlStack.length - 1]?.indent ?? 0) >= indent) yamlStack.pop();
      parents = yamlStack.map((e) => e.key);
      key = (m[3] ?? '').trim();
      rawValue = m[4];
      if (rawValue === undefined || rawValue.trim() === '' || rawValue.trim() === '|' || rawValue.trim() === '>') {
        yamlStack.push({ indent, key });
        continue;
      }
    } else {
      const m = /^(?:export\s+)?([A-Za-z0-9_.\-/@:"']+?)\s*(?:=|:(?=\s))\s*(.*)$/.exec(trimmed);
      if (!m) continue;
      key = unquote(m[1] ?? '');
      rawValue = m[2] ?? '';
      // `//registry.npmjs.org/:_authToken=...` keeps only the last segment as the key.
      const colon = key.lastIndexOf(':');
      if (colon >= 0 && format === 'ini') {
        parents = [...section, key.slice(0, colon)];
        key = key.slice(colon + 1);
      }
    }
    const value = unquote(stripInlineComment(rawValue ?? ''));
    out.push({ key, value, parents, siblings: [] });
    const groupKey = parents.join('\u0000');
    if (!groupStart.has(groupKey)) groupStart.set(groupKey, out.length - 1);
  }
  // Siblings: the short values in the same section / YAML mapping.
  const byGroup = new Map<string, string[]>();
  for (const kv of out) {
    const g = kv.parents.join('\u0000');
    const list = byGroup.get(g) ?? [];
    if (kv.value.length < 80) list.push(kv.value.toLowerCase());
    byGroup.set(g, list);
  }
  return out.map((kv) => ({ ...kv, siblings: byGroup.get(kv.parents.join('\u0000')) ?? [] }));
}

/** Extract key/value pairs; JSON-looking text is parsed as JSON whatever the name says. */
export function extractKeyValues(text: string, format: ConfigFormat): KeyValue[] {
  const head = text.trimStart();
  if (format === 'json' || head.startsWith('{')) {
    const json = extractJson(text);
    if (json) return json;
    if (format === 'json') return extractLines(text, 'yaml');
  }
  return extractLines(text, format);
}
