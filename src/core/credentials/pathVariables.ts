import { ownTable } from '../ownTable';
/**
 * Environment variables whose value is the path of a credential file, by the documentation of the
 * tool that reads them (`GOOGLE_APPLICATION_CREDENTIALS` names a service-account key, `PGPASSFILE`
 * libpq's password file, `AWS_WEB_IDENTITY_TOKEN_FILE` a pod's web-identity token). `cat $VAR`
 * reads that file although no credential file name is written in the command; the guard cannot see
 * the agent's environment, so the file is known by its variable alone.
 */
interface PathVariable {
  kind: string;
  label: string;
}

const cloud = (label: string): PathVariable => ({ kind: 'cloud-credentials', label });

const PATH_VARIABLES: Readonly<Record<string, PathVariable>> = ownTable({
  GOOGLE_APPLICATION_CREDENTIALS: cloud('the Google Cloud service-account key'),
  CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE: cloud('the Google Cloud credential file'),
  GOOGLE_GHA_CREDS_PATH: cloud('the Google Cloud credential file'),
  AWS_SHARED_CREDENTIALS_FILE: cloud('the AWS credentials file'),
  AWS_WEB_IDENTITY_TOKEN_FILE: cloud('the AWS web-identity token'),
  AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: cloud('the AWS container credentials token'),
  AZURE_FEDERATED_TOKEN_FILE: cloud('the Azure federated token'),
  AZURE_CLIENT_CERTIFICATE_PATH: cloud("the Azure client certificate's key"),
  BOTO_CONFIG: cloud('the cloud storage credentials (boto)'),
  RCLONE_CONFIG: { kind: 'cloud-storage-credentials', label: 'the rclone remotes and their keys' },
  KUBECONFIG: { kind: 'kubeconfig', label: 'the kubeconfig' },
  PGPASSFILE: { kind: 'database-password', label: 'the Postgres password file' },
  MYSQL_TEST_LOGIN_FILE: { kind: 'database-password', label: 'the MySQL login file' },
  NETRC: { kind: 'netrc', label: 'the netrc passwords' },
  TF_CLI_CONFIG_FILE: { kind: 'terraform-token', label: 'the Terraform Cloud token' },
  NPM_CONFIG_USERCONFIG: { kind: 'npm-token', label: 'the npm token' },
  SOPS_AGE_KEY_FILE: { kind: 'private-key', label: 'the SOPS age private keys' },
  ANSIBLE_VAULT_PASSWORD_FILE: { kind: 'vault-password', label: 'the Ansible Vault password' },
  VAULT_TOKEN_FILE: { kind: 'vault-token', label: 'the Vault token' },
  HISTFILE: { kind: 'shell-history', label: 'the shell history (secrets typed on command lines)' },
});

/** `$VAR`, `${VAR}`, `"$VAR"`, `${VAR:-…}`: the variable a word is exactly, when it names a credential file. */
export function credentialPathVariable(word: string): string | undefined {
  const m = /^"?\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:[:]?[-=?+][^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))"?$/.exec(word);
  const name = m ? (m[1] ?? m[2] ?? '') : '';
  return Object.hasOwn(PATH_VARIABLES, name) ? name : undefined;
}

/** What the file a credential-path variable names holds. */
export function credentialPathVariableInfo(name: string): PathVariable | undefined {
  return Object.hasOwn(PATH_VARIABLES, name) ? PATH_VARIABLES[name] : undefined;
}
