import type { ArgWord } from '../../policy/types';

/**
 * Plain operands and `--opt=VALUE` values of a program the guard does not know; `options` are the words
 * that follow an option or are glued to one. An environment file given to an option (`foreman start -e
 * .env`, `--env-file=.env`) loads variables, as `source .env` does: routine, and not a print.
 */
/**
 * An option that names an environment file to load (`-e .env`, `--env-file=.env`, `--dotenv .env`):
 * another option before a file (`pv -q .env`, `enscript -p - .env`, `lynx -dump .env`) is a flag, and the file is read.
 */
const ENV_FILE_OPTION = /^(-[eE]|--?[\w-]*env[\w-]*)$/;

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Stop 38 (round 28: `age-keygen -o /tmp/new.key`): an option naming where output goes; a file not there yet is written, not read. */
const OUTPUT_OPTION = /^(-o|-O|--output|--out|-out|--output-file|--outfile|--out-file|-output)$/;

/**
 * Stop 40 (round 34: `ghostunnel client --keystore client.p12 --cacert ca.pem`): an option that hands the program its own TLS
 * identity or trust (a key store, a client certificate and key, a CA bundle): the program signs the handshake with it and sends
 * no byte of it; the caller decides what the line's hosts allow.
 */
const IDENTITY_OPTION = /^--?(keystore|key-store|cert|certificate|key|cacert|ca-cert|ca|cafile|ca-file|tls-cert|tls-key|tls-ca|client-cert|client-key|identity|pkcs12|p12)$/i;

export function unknownOperands(args: readonly ArgWord[]): { operands: ArgWord[]; options: Set<ArgWord>; outputs: Set<ArgWord>; identities: Set<ArgWord> } {
  const operands: ArgWord[] = [];
  const options = new Set<ArgWord>();
  const outputs = new Set<ArgWord>();
  const identities = new Set<ArgWord>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as ArgWord;
    if (!a.text.startsWith('-')) {
      // `file:///abs/.env` (a browser's or converter's operand) names the file itself.
      const file = /^file:\/\/(localhost)?\//i.test(a.text) ? { ...a, text: safeDecode(a.text.replace(/^file:\/\/(localhost)?/i, '')) } : a;
      operands.push(file);
      const before = args[i - 1]?.text ?? '';
      if (!before.includes('=') && ENV_FILE_OPTION.test(before)) options.add(file);
      if (OUTPUT_OPTION.test(before)) outputs.add(file);
      if (IDENTITY_OPTION.test(before)) identities.add(file);
    } else if (/^--?[\w-]+=./.test(a.text)) {
      const value = { ...a, text: a.text.slice(a.text.indexOf('=') + 1), raw: a.raw.slice(a.raw.indexOf('=') + 1) };
      operands.push(value);
      if (ENV_FILE_OPTION.test(a.text.split('=')[0] ?? '')) options.add(value);
      if (OUTPUT_OPTION.test(a.text.split('=')[0] ?? '')) outputs.add(value);
      if (IDENTITY_OPTION.test(a.text.split('=')[0] ?? '')) identities.add(value);
    }
  }
  return { operands, options, outputs, identities };
}

