import { toolNamesOf } from '../../registry/commandModel';
import { identifierParts } from './cliArgs';

/**
 * A privilege raised by membership, for any CLI (read by `rules/accessGrants.ts`): an account added to an
 * administrators' group or given an admin role or tag by words, whatever the tool — `ipa group-add-member
 * admins --users=x`, `samba-tool group addmembers 'Domain Admins' x`, `kanidm group add-members idm_admins x`,
 * `rabbitmqctl set_user_tags x administrator`, `net localgroup Administrators x /add`, `X user update x
 * --role owner`. The tools differ; the meaning is one: an add/grant/assign word and a group or role that can do
 * everything. Whoever gains it can change, read or delete anything the directory or server governs, and
 * grant the same to others. Listings, shows and removals of the same groups stay allowed; package managers'
 * `add` names packages, never groups.
 */

export interface MembershipReading {
  path: readonly string[];
  words: readonly string[];
  options: readonly { bare: string; value: string | undefined }[];
  all: readonly string[];
}

export interface MembershipGrant {
  /** The admin group, role or tag as written. */
  group: string;
  /** The add word as written. */
  verb: string;
}

/** Groups and roles that can do everything, by name alone (plural group names, and the well-known ones). */
const ADMIN_GROUP =
  /^(admins|administrators|domain admins|enterprise admins|schema admins|superusers?|super[-_ ]?admins?|wheel|sudo|sudoers|owners|cluster-admin|system:masters|[\w.-]*[-_ ]admins|(sys|org|site|global|realm|tenant|server|db|domain|system|instance|account|workspace|cluster)[-_ ]?admin(istrator)?s?)$/i;
/** Singular names that are often an account's own name (`add admin` makes a user called admin): an admin
 * group or role only as the value of a role option or after a group/role/tag word. */
const ADMIN_SINGULAR = /^(admin|administrator|root|owner|superadmin)$/i;
/** A role option's value naming an admin or owner role (`--role ORG_OWNER`, `--access-level owner`, `--role=project-admin`). */
const ADMIN_ROLE_VALUE = /(^|[-_ .:])(admin|administrator|owner|root|superuser|superadmin)s?$/i;
const GROUP_NOUN = /^(groups?|roles?|tags?|teams?|membership|members?|permissions?|privileges?|localgroup)$/i;
/** Add words: a path word whose parts (split on - _ :) hold one of these, or the glued forms. */
const ADD_PART = /^(add|grant|assign|promote|elevate|attach|addmembers?|addmember|addusers?|adduser|useradd|addtogroup|addroles?|enroll)$/i;
/** Words in the same path word that turn it into something else (a removal or a read). */
const NOT_ADD_PART = /^(remove|rm|del|delete|revoke|unassign|detach|list|ls|show|get|find|search|describe|check|test|info)$/i;
/** `set_user_tags`, `set-role`, `update --role`: a set verb gives the admin word only with a role/tag noun. */
const SET_PART = /^(set|update|modify|mod|edit|change|put)$/i;
const ROLE_NOUN = /^(tags?|roles?|rolename|role-name|level|access|permissions?|privileges?|groups?|type)$/i;
/** Options whose value is a group or role. */
const ROLE_OPTION = /^(groups?|g|roles?|rolename|role-name|tags?|policy|policies|access-level|level|permissions?|privileges?|type|as)$/i;
/** Options that are the add themselves (`--add`, `/add`, `--add-member`, `--grant`). */
const ADD_OPTION = /^(add|add-members?|add-to-group|grant|promote|assign)$/i;

let managers: ReadonlySet<string> | undefined;


function addWord(word: string): boolean {
  const p = identifierParts(word);
  if (p.some((x) => NOT_ADD_PART.test(x))) return false;
  if (p.some((x) => ADD_PART.test(x))) return true;
  return p.some((x) => SET_PART.test(x)) && p.some((x) => ROLE_NOUN.test(x));
}

/**
 * Stop 38 (round 31: `pveum acl modify / --users ci@pve --roles Administrator`, `mongocli atlas dbusers create atlasAdmin --username x`,
 * `fga tuple write user:* admin organization:acme`): a verb that sets, writes or creates what an account may do gives an admin role when
 * a role option names one or an operand is an admin role spelled the way such tools spell roles (`atlasAdmin`, `clusterAdmin`,
 * `userAdminAnyDatabase`, `Administrator`); and any role given to every user (`user:*`, `allUsers`, `--users '*'`) widens access for
 * everyone. Allowed beside them: `x group create admins` (an empty group made), `x user create bob` (no role), `x acl modify / --users bob
 * --roles PVEAuditor` (a reading role), `x tuple write user:anne viewer doc:readme` (one user), listings and removals.
 */
const ROLE_VERB_PART = /^(create|new|write|modify|mod|set|update|put|edit|change|replace)$/i;
/** An admin role spelled in camel case or capitalised (`atlasAdmin`, `dbAdminAnyDatabase`, `Administrator`). */
const CAMEL_ADMIN = /^([a-z]+(?:[A-Z][a-z]+)*Admin(?:istrator)?(?:[A-Z][A-Za-z]*)?|Administrator|SuperAdmin|SuperUser)$/;
/** A principal that is every user. */
const EVERY_USER = /^((user|users|member|members|principal|subject|account|identity|group):\*|\*:\*|allUsers|allAuthenticatedUsers|everyone|group:everyone|system:authenticated|system:unauthenticated)$/;
const PRINCIPAL_OPTION = /^(users?|members?|principals?|subjects?|accounts?|identity|to|for|grantee|assignee)$/i;

function everyUser(r: MembershipReading): string | undefined {
  return r.words.find((w) => EVERY_USER.test(w)) ?? r.options.find((o) => PRINCIPAL_OPTION.test(o.bare) && o.value !== undefined && o.value.split(',').some((v) => v.trim() === '*' || EVERY_USER.test(v.trim())))?.value;
}

function roleGiven(r: MembershipReading): MembershipGrant | undefined {
  const verb = r.path.find((w) => identifierParts(w).some((x) => ROLE_VERB_PART.test(x)));
  if (verb === undefined || r.path.some((w) => identifierParts(w).some((x) => NOT_ADD_PART.test(x)))) return undefined;
  const everyone = everyUser(r);
  const role = r.options.find((o) => ROLE_OPTION.test(o.bare) && o.value !== undefined && o.value.split(',').some((v) => ADMIN_GROUP.test(v.trim()) || ADMIN_ROLE_VALUE.test(v.trim()) || CAMEL_ADMIN.test(v.trim())))?.value ?? r.words.find((w) => CAMEL_ADMIN.test(w));
  if (role !== undefined) return { group: everyone !== undefined ? `${role} (to every user: ${everyone})` : role, verb };
  if (everyone === undefined) return undefined;
  const given = r.words.find((w) => w !== everyone && /^[A-Za-z][\w-]*$/.test(w)) ?? r.options.find((o) => ROLE_OPTION.test(o.bare) && o.value !== undefined)?.value;
  return { group: `${given ?? 'a role'} to every user (${everyone})`, verb };
}

export function adminMembership(name: string, r: MembershipReading): MembershipGrant | undefined {
  managers ??= new Set(toolNamesOf('package-manager'));
  if (managers.has(name)) return undefined;
  const given = roleGiven(r);
  if (given !== undefined) return given;
  // The add: a word of the command path, a Windows `/add`, or an add option.
  const verb =
    r.path.find(addWord) ??
    r.all.find((w) => /^\/(add|grant)$/i.test(w)) ??
    r.options.find((o) => ADD_OPTION.test(o.bare))?.bare;
  if (verb === undefined) return undefined;
  // A removal or a read anywhere in the path is not a grant (`group remove-member admins x`, `group list admins`).
  if (r.path.some((w) => identifierParts(w).some((x) => NOT_ADD_PART.test(x)))) return undefined;
  const grouped = r.path.some((w) => identifierParts(w).some((x) => GROUP_NOUN.test(x)));
  const admin = (w: string): boolean => ADMIN_GROUP.test(w.trim()) || (grouped && (ADMIN_SINGULAR.test(w.trim()) || ADMIN_ROLE_VALUE.test(w.trim())));
  const group =
    r.words.find(admin) ??
    r.options.find((o) => ROLE_OPTION.test(o.bare) && o.value !== undefined && o.value.split(',').some((v) => ADMIN_GROUP.test(v.trim()) || ADMIN_ROLE_VALUE.test(v.trim())))?.value ??
    // Stop 39 (round 31: `elasticsearch-users useradd bot -p … -r superuser`): a group named admin by name alone, whatever option gives it.
    r.options.find((o) => o.value !== undefined && o.value.split(',').some((v) => ADMIN_GROUP.test(v.trim())))?.value;
  return group === undefined ? undefined : { group, verb };
}

/** Gate words: an invocation holding none of these cannot be an admin membership. */
export const ADMIN_WORDS = /admin|superuser|owner|^(root|wheel|sudo|sudoers|system:masters)$|^--?(role|groups?|tags?)=.*root|^(\*|[a-z]+:\*)$|allUsers|allAuthenticatedUsers|^everyone$|^system:(un)?authenticated$/i;
