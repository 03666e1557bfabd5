import { allow, ask, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Stop 38: a privilege raised by membership, for any CLI (rules/support/adminMembership.ts, read by
 * rules/accessGrants.ts). An add/grant/assign word with a group or role that can do everything asks and names the
 * group; the same tools adding to an ordinary group, listing or showing admin groups, and package managers adding
 * packages named like `react-admin`, stay allowed. The rows were written fresh from each tool's documentation.
 */

const decide = decisionTable(testFacts({}));

describe('rules: stop 38, an account added to an admin group or given an admin role (any CLI)', () => {
  decide('admin memberships and roles ask and name the group (a directory nobody named is production); ordinary groups, listings and package names stay allowed', [
    ask('ipa group-add-member admins --users=contractor1', { production: true, says: /admins/ }),
    ask("samba-tool group addmembers 'Domain Admins' contractor1", { production: true, says: /Domain Admins/ }),
    ask('kanidm group add-members idm_admins contractor1 -D idm_admin', { production: true, says: /idm_admins/ }),
    ask('net localgroup Administrators bob /add', { says: /Administrators/ }),
    ask('openstack role add --project prod-billing --user bob admin', { production: true, says: /admin/ }),
    ask('pulumi org set-member-role acme bob admin', { says: /admin/ }),
    ask('gitlab-cli group member add acme bob --access-level owner', { says: /owner/ }),
    ask('zitadel-cli user grant bob --role ORG_OWNER', { says: /ORG_OWNER/ }),
    ask('jfrog rt group-update admins --users bob', { says: /admins/ }),
    ask('authentik-cli groups add-user "authentik Admins" bob', { says: /authentik Admins/ }),
    ask('lldap-cli user group add bob lldap_admin', { says: /lldap_admin/ }),
    ask('sudo ipa group-add-member admins --users=contractor1', { production: true }),
    ask('ssh-keygen -l -f x.pub && ipa group-add-member admins --users=bob'),
    ask('acmectl team add-member platform-admins bob'),
    ask('acmectl user update bob --role=superuser'),
    ask('acmectl workspace add-member bob --role workspace-admin'),
    ask('acmectl grant sysadmin bob'),
    // ordinary groups, listings and shows of admin groups, and package names stay allowed
    allow('ipa group-add-member developers --users=bob'),
    allow('kanidm group add-members frontend bob'),
    allow('gitlab-cli group member add acme bob --access-level developer'),
    allow('openstack role list'),
    allow('openstack role assignment list --user bob'),
    allow('ipa group-find admins'),
    allow('ipa group-show admins'),
    allow("samba-tool group listmembers 'Domain Admins'"),
    allow('kanidm group list-members idm_admins'),
    allow('rabbitmqctl list_users'),
    // a tool the registry describes keeps its own rules: this machine's development broker (no -n), decided in round 7
    allow('rabbitmqctl set_user_tags bob administrator'),
    allow('getent group sudo'),
    allow('yarn add react-admin'),
    allow('pnpm add @acme/admin-ui'),
    allow('npm install admin-bro'),
    allow('rabbitmqctl add_vhost admin-tools'),
    allow('acmectl user show bob --role admin'),
    allow('acmectl team list-members platform-admins'),
  ]);
});
