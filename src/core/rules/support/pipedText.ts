import type { Invocation } from '../../policy/types';
import { printfOutput } from '../../shell/decode';
import { unescapePrintf } from './storeProtocols';

/**
 * What `echo` or `printf` writes into a pipe, as the reader receives it: `printf '%s %s users' DROP
 * TABLE`, `printf '\x64rop table users'`, `echo -e '\x64rop …'` (escapes decoded, formats filled).
 * The words joined as written are kept too, so nothing read before is lost.
 */
export function echoedText(from: Invocation): string {
  const words = from.args.map((a) => a.text);
  const plain = words.filter((w) => !/^-[neE]+$/.test(w)).join(' ').replace(/\\n/g, '\n');
  let decoded: string | undefined;
  if (from.name === 'printf' && words[0] !== undefined) decoded = printfOutput(words[0], words.slice(1)) ?? unescapePrintf(words[0]);
  else if (from.name === 'echo' && words.some((w) => /^-[neE]*e/.test(w))) decoded = unescapePrintf(words.filter((w) => !/^-[neE]+$/.test(w)).join(' '));
  return decoded !== undefined && decoded !== plain ? `${plain}\n;\n${decoded}` : plain;
}
