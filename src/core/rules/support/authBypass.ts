import { identifierParts } from './cliArgs';
import { NOT_A_CLI } from './notACli';

/**
 * Stop 39 (issue #18 criterion 4, red team round 33): sign-in bypassed or an administrator made, by the words of
 * any CLI (read by `rules/accessGrants.ts`). The tools differ; the meanings are three:
 *
 * | meaning | read from | stays allowed |
 * |---|---|---|
 * | a recovery key, login link or all-access operator token minted (`ak create_recovery_key 10 akadmin`, `influxd recovery auth create-operator`) | a recovery/impersonation noun or an operator/all-access token beside a verb that makes one, in the command words or the program's name | listings and reads (`recovery list`), revocations |
 * | another account's password reset or set (`metabase.jar reset-password admin@acme.com`, `lldap_set_password --username ci-bot`) | a reset/set/change verb beside `password`, and an account named (an operand after it, or a user option) | the same with nothing named (`npm profile set password`: the user's own), help, password policies |
 * | an account created with an admin flag (`register_new_matrix_user -a`, `--admin`, `--superuser`) | a create/add/register verb beside a user noun, and an admin option switched on | the same user created without the flag, `--admin=false` |
 *
 * Whoever holds the key, the link, the token or the new password signs in as that account, past its password
 * and its second factor; an admin made by hand holds everything the server governs.
 */

export interface BypassReading {
  /** The program's name. */
  name: string;
  /** Operands as written, in order. */
  words: readonly string[];
  options: readonly { bare: string; value: string | undefined }[];
}

export interface Bypass {
  id: 'auth-bypassed' | 'password-reset' | 'admin-created';
  does: string;
  lost: string;
  /** The account or host named, for the target. */
  names: string[];
  /** The command words to show: up to the last one the lexicon reads (an operand after it may be the new password). */
  shownWords?: string[];
}

const RECOVERY = /^(recovery|recover|emergency|breakglass|backdoor|impersonate|impersonation|magiclink|loginlink|onetimelogin|otl|bypass)$/;
const MINTS = /^(create|new|generate|gen|issue|mint|make|add|get|print|link)$/;
const OPERATOR = /^(operator|alloperator|allaccess|roottoken|supertoken)$/;
const TOKEN = /^(token|tokens|auth|authorization|key|keys|credential|credentials|link|url)$/;
const PASSWORD = /^(password|passwd|pass|pw|pwd)$/;
const RESETS = /^(reset|set|change|force|update|overwrite|recover|replace)$/;
const CREATES = /^(create|add|new|register|make|invite|provision|signup)$/;
const USER = /^(user|users|account|accounts|member|login|admin|admins|operator|principal|identity)$/;
/** Verbs that change an existing account (with a password option: its password is set). */
const MODIFIES = /^(mod|modify|edit|update|set|change)$/;
const ADMIN_OPTION = /^(a|admin|isadmin|administrator|superuser|super|staff|issuperuser|isstaff|sysadmin|serveradmin|globaladmin|owner|root)$/;
const USER_OPTION = /^(u|user|username|usr|login|email|mail|account|uid|name|for|target|targetuser)$/;
/** Words that read, remove or take back: nothing is made. */
const NOT_MADE = /^(list|ls|show|get-?status|status|info|describe|help|verify|check|validate|revoke|delete|remove|rm|del|expire|disable|policy|policies|rules|requirements|complexity|strength|forgot|reminder)$/;

const norm = (w: string): string => w.toLowerCase().replace(/[^a-z0-9]/g, '');
const partsOf = (w: string): string[] => [norm(w), ...identifierParts(w)];
const commandShaped = (w: string): boolean => /^[A-Za-z][\w:-]*$/.test(w) && w.length <= 40;

/** The account an option names (`--username bob`, `--email a@b.c`, `-u root`), or undefined: a password command shows it instead of any operand. */
export function accountByOption(options: readonly { name: string; value?: string; next?: string }[]): string | undefined {
  const o = options.find((x) => USER_OPTION.test(norm(x.name.replace(/^-+/, ''))) && (x.value ?? x.next ?? '') !== '');
  return o === undefined ? undefined : (o.value ?? o.next);
}

export function authBypass(r: BypassReading): Bypass | undefined {
  if (r.options.some((o) => /^(h|help|dry-?run|version)$/.test(o.bare))) return undefined;
  // The command words: the program's own name parts (`lldap_set_password`, `create_recovery_key` as a word) and the first command-shaped operands.
  const base = r.name.replace(/\.(jar|py|sh|rb|exe|js)$/i, '');
  const words: string[] = [];
  const taskArgs: string[] = [];
  for (const written of r.words.slice(0, 4)) {
    // Stop 40 (round 39): a task's arguments in brackets (rake's `gitlab:password:reset[root]`) are operands after the task word.
    const task = /^([A-Za-z][\w:-]*)\[([^\]]*)\]$/.exec(written);
    const w = task?.[1] ?? written;
    if (!commandShaped(w)) break;
    words.push(w);
    if (task) {
      taskArgs.push(...task[2]!.split(',').map((x) => x.trim().replace(/^["']|["']$/g, '')).filter((x) => x !== ''));
      break;
    }
  }
  const parts = [...identifierParts(base), ...words.flatMap(partsOf)];
  if (parts.some((p) => NOT_MADE.test(p))) return undefined;
  const has = (re: RegExp): boolean => parts.some((p) => re.test(p));
  const lexicon = [RECOVERY, MINTS, OPERATOR, PASSWORD, RESETS, CREATES, USER, TOKEN];
  const lastRead = words.reduce((at, w, i) => (partsOf(w).some((p) => lexicon.some((re) => re.test(p))) ? i : at), -1);
  // Never past the password word: what follows it may be the new password (`reset-password NEW`).
  const passwordAt = words.findIndex((w) => partsOf(w).some((p) => PASSWORD.test(p)));
  const shownWords = words.slice(0, (passwordAt >= 0 ? Math.min(lastRead, passwordAt) : lastRead) + 1).map((w) => w.toLowerCase());
  const optionParts = r.options.flatMap((o) => partsOf(o.bare));
  const after = [...taskArgs, ...r.words.slice(words.length)].filter((w) => w !== '' && !/\s/.test(w));
  // An account named by a user option is shown; an operand only counts (it may be the new password itself: `reset-admin-password NEW`, never repeated).
  const byOption = r.options.filter((o) => USER_OPTION.test(norm(o.bare)) && o.value !== undefined && o.value !== '').map((o) => o.value!);
  const named = [...byOption, ...after.filter((w) => !/^\d+$/.test(w) && !/^[a-z][\w+.-]*:\/\//i.test(w))];
  const shown = byOption[0];
  // A recovery key or link, or an operator token, minted.
  const recovery = has(RECOVERY) || optionParts.some((p) => RECOVERY.test(p));
  const operator = has(OPERATOR) || optionParts.some((p) => OPERATOR.test(p));
  // `kanidm recover-account admin`: the recovery is the verb, and it prints the account's new credential.
  const recoversAccount = parts.includes('recover') && has(USER);
  // Stop 40 (round 39: `supabase auth admin generate-link --type magiclink --email …`): a sign-in link minted for an account by an
  // admin or auth command (the option's value may say which kind: `magiclink`, `recovery`, `invite`).
  const valueRecovery = r.options.some((o) => o.value !== undefined && partsOf(o.value).some((p) => RECOVERY.test(p)));
  const signInLink = parts.some((p) => /^(link|url)$/.test(p)) && has(MINTS) && parts.some((p) => /^(auth|login|signin|admin|magic)$/.test(p));
  if ((recovery && (has(MINTS) || operator || recoversAccount)) || (operator && has(MINTS) && (has(TOKEN) || has(USER))) || signInLink || (valueRecovery && has(MINTS) && has(TOKEN))) {
    return { id: 'auth-bypassed', does: `mints a recovery key, login link or all-access token${shown !== undefined ? ` for ${shown}` : ' for an account'}`, lost: "whoever holds it signs in past the account's password and second factor", names: shown !== undefined ? [shown] : [], shownWords };
  }
  // Another account's password reset or set: by a reset verb and the password noun, by the password noun as the command's verb
  // (`drush user:password admin …`, `influx user password`) before an account, or by a password option on a
  // verb that changes an account (`ipa user-mod alice --password`, `--setattr userPassword=…`). Stop 40, round 39.
  const rest = [...words.slice(lastRead + 1), ...after];
  const onlyPassword = (w: string): boolean => identifierParts(w).some((p) => PASSWORD.test(p)) && identifierParts(w).every((p) => PASSWORD.test(p) || USER.test(p));
  // A program whose operands are data (`openssl passwd -6 PW` hashes what it is given) has no password verb; a read (`bw get password`) is not one.
  // The account's noun says it is one's password, not a database or file named `passwd` (`getent passwd root` reads): a command
  // `password` in an account namespace (`user:password`), or the account noun as the word before (`user password`).
  const ofAccount = (w: string): boolean => /^[A-Za-z][\w-]*:[A-Za-z]+$/.test(w) && onlyPassword(w) && USER.test(w.slice(0, w.indexOf(':')).toLowerCase()) && PASSWORD.test(w.slice(w.indexOf(':') + 1).toLowerCase());
  const verbAt = NOT_A_CLI.has(r.name) || words.length === 0 ? -1 : ofAccount(words[0]!) ? 0 : words.length > 1 && identifierParts(words[0]!).every((p) => USER.test(p)) && onlyPassword(words[1]!) ? 1 : -1;
  const passwordVerb = verbAt >= 0;
  const accountWord = [...words.slice(verbAt + 1), ...after].some((w) => /^[\w-]+(@[\w.-]+)?$/.test(w));
  const passwordOption = r.options.some((o) => partsOf(o.bare).some((p) => PASSWORD.test(p)) || /^(user)?password=/i.test(o.value ?? ''));
  const changesAccount = has(USER) && parts.some((p) => RESETS.test(p) || MODIFIES.test(p));
  if ((passwordVerb && (accountWord || byOption.length > 0)) || (passwordOption && changesAccount && (rest.length > 0 || byOption.length > 0))) {
    return { id: 'password-reset', does: `sets or resets the password of ${shown ?? 'an account it names'}`, lost: 'its holder is locked out, and whoever runs this signs in as it without the secret its owner held', names: shown !== undefined ? [shown] : [], shownWords };
  }
  if (has(PASSWORD) && has(RESETS) && named.length > 0) {
    return { id: 'password-reset', does: `sets or resets the password of ${shown ?? 'an account it names'}`, lost: 'its holder is locked out, and whoever runs this signs in as it without the secret its owner held', names: shown !== undefined ? [shown] : [], shownWords };
  }
  // An account created with an admin flag on.
  const admin = r.options.find((o) => ADMIN_OPTION.test(norm(o.bare)) && !/^(false|no|0|off)$/i.test(o.value ?? ''));
  if (admin !== undefined && has(CREATES) && has(USER)) {
    return { id: 'admin-created', does: `creates an account with the administrator flag (-${admin.bare.length > 1 ? '-' : ''}${admin.bare})`, lost: 'the new account holds everything the server governs, outside the accounts the team reviewed', names: [], shownWords };
  }
  return undefined;
}

/** Gate words: an invocation with none of these (in its words or its program's name) cannot be read as a bypass above. */
export const BYPASS_WORDS = /recover|emergency|break.?glass|backdoor|imperson|magic|login.?link|(generate|create|mint|issue|new)[-_:]?(login|sign.?in|magic)?[-_]?link|one.?time|bypass|operator|all.?access|root.?token|passw|passwd|pwd|credential|^-a$|admin|superuser|staff|owner|root/i;
