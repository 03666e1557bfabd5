import type { Finding } from '../../policy/types';

/**
 * Stop 39 (red team round 33, issue #18 criterion 5: `burp -a r -b 12 -r '^/var/www/app' -d / -f`): a restore, extract or
 * copy by a tool nobody describes, told to write into the root of this machine or a server's live tree (`-d /`,
 * `--target /var/www`, `--restore-to=/srv/app`) and to overwrite what is there (`-f`, `--force`, `--overwrite`): an old
 * backup or archive replaces the live files, and the files changed since are gone. Read by the verb floor beside
 * support/liveDataWrites.ts, whatever the tool's verb (here a one-letter action).
 *
 * Allowed look-alikes: the same restore into a scratch folder (`-d /tmp/restore -f`, `-d ./restored`), a restore to the
 * live tree without the overwrite (the tool keeps existing files), and listings.
 */

/** Options naming where the files are written. */
const DESTINATION = /^--?(d|dest|destination|target|target-dir|to|into|restore-to|restore-dir|restore-path|output-dir|outdir|prefix|root|C)$/;
/** Folders of a server's live tree (and the root itself). */
const LIVE_TREE = /^\/(?:$|(?:var\/www|srv|var\/lib|etc|opt|home|usr|var\/opt|data|app|var\/mail|var\/spool)(?:\/|$))/;
/** Options that overwrite existing files. */
const OVERWRITE = /^(-f|--force|--overwrite|--overwrite-existing|--replace|--clobber|-O|--force-overwrite)$/;

interface ReadingLike {
  options: readonly { name: string; value?: string; next?: string }[];
}

export function forcedLiveRestore(tool: string, reading: ReadingLike): Finding | undefined {
  const dest = reading.options.find((o) => DESTINATION.test(o.name) && LIVE_TREE.test((o.value ?? o.next ?? '').replace(/\/{2,}/g, '/')));
  const force = reading.options.find((o) => OVERWRITE.test(o.name) && !/^(false|no|0|off|never)$/i.test(o.value ?? ''));
  if (dest === undefined || force === undefined) return undefined;
  const where = dest.value ?? dest.next ?? '/';
  return {
    rule: 'verbs.live-data-write',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${tool} ${dest.name} ${where} ${force.name}\` writes over the live files under ${where} and is told to overwrite them: what changed since the copy it restores is lost (${tool} has no rules of its own: judged by where it writes).`,
    targets: [{ kind: 'path', name: where, provider: tool, remote: false, environment: 'production', environmentReason: `${where} is this machine's live tree` }],
  };
}
