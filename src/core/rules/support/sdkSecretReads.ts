/**
 * SDK calls whose answer is a secret value, in interpreter code that shows or sends what it holds
 * (red team round 11): AWS Secrets Manager's `get_secret_value` (boto3, the JavaScript v3
 * `GetSecretValueCommand`, Ruby's `Aws::SecretsManager`), SSM parameters decrypted, Google Secret
 * Manager's `access_secret_version`, Azure Key Vault's `SecretClient.get_secret`, Vault's KV through
 * hvac or node-vault, the Kubernetes clients' Secret reads, the OS keychain (`keyring.get_password`,
 * keytar's `getPassword`), and short-lived AWS credentials minted and printed (`get_session_token`,
 * `generate_db_auth_token`). The CLI spellings of the same reads ask (`aws secretsmanager
 * get-secret-value`, `vault kv get`, `kubectl get secret -o yaml`); listing secrets' names is routine.
 */

export interface SecretRead {
  /** The call, for the reason: `get_secret_value (AWS Secrets Manager)`. */
  call: string;
  /** The secret lives on another machine (a cloud store, a cluster); a keychain is this machine's. */
  remote: boolean;
}

const CALLS: ReadonlyArray<[RegExp, string, boolean]> = [
  [/\b(?:get_secret_value|getSecretValue|GetSecretValueCommand|batch_get_secret_value|BatchGetSecretValueCommand)\b/, 'AWS Secrets Manager', true],
  [/\b(?:get_parameters?|get_parameters_by_path|getParameters?|GetParameters?Command|getParametersByPath|GetParametersByPathCommand)\b[\s\S]{0,200}?\b(?:WithDecryption|with_decryption)\s*[=:]\s*(?:True|true)/, 'AWS SSM Parameter Store (decrypted)', true],
  [/\b(?:access_secret_version|accessSecretVersion)\b/, 'Google Secret Manager', true],
  [/\bSecretClient\b[\s\S]{0,300}?\.(?:get_secret|getSecret)\s*\(/, 'Azure Key Vault', true],
  [/\.(?:read_secret_version|read_secret|readSecret)\s*\(|\bsecrets\.kv\.(?:v[12]\.)?read\w*\s*\(|\bvault\.read\s*\(\s*['"`][\w/-]*(?:secret|kv|data)\//, 'Vault KV (hvac, node-vault)', true],
  [/\b(?:read_namespaced_secret|readNamespacedSecret|list_namespaced_secret|listNamespacedSecret|list_secret_for_all_namespaces|listSecretForAllNamespaces)\b/, 'Kubernetes Secrets', true],
  [/\.secrets\.resolve(?:_?[aA]ll)?\s*\(\s*\[?\s*['"`]op:\/\//, '1Password (op:// reference resolved)', true],
  [/\bInfisical\w*\b[\s\S]{0,300}?\.(?:get_secret_by_name|getSecret|get_secret|listSecrets|list_secrets)\s*\(/, 'Infisical', true],
  [/\b(?:get_session_token|GetSessionTokenCommand|getSessionToken|generate_db_auth_token|generateDbAuthToken|get_federation_token|GetFederationTokenCommand|get_authorization_token|GetAuthorizationTokenCommand|generate_auth_token)\b/, 'AWS short-lived credentials', true],
  [/\b(?:keyring\.get_(?:password|credential)|keytar['"`)\]]*\s*\)?\s*\.\s*(?:getPassword|findCredentials|findPassword)|getPassword\s*\(|findCredentials\s*\()/, 'the OS keychain (keyring, keytar)', false],
];

/** The code shows, logs, returns to the shell or sends what it holds. */
const OUTPUT = /\bprint\s*\(|\bpprint\b|\bconsole\.(?:log|info|error|dir|table)\b|\bprocess\.std(?:out|err)\.write\b|\bsys\.std(?:out|err)\.write\b|\bputs\b|\bpp?\s|\becho\b|\bvar_dump\b|\bprint_r\b|\bjson\.dumps?\b|\bJSON\.stringify\b|\bwrite\s*\(|\brequests\.(?:post|put)\b|\bfetch\s*\(|\burlopen\b|\.then\s*\(\s*console\./;

/** The secret-reading call the code makes and shows; undefined when it makes none or shows nothing (`print_by_default` code like `node -p` says `shows`). */
export function sdkSecretRead(code: string, shows = false): SecretRead | undefined {
  const text = code.length > 100_000 ? code.slice(0, 100_000) : code;
  if (!shows && !OUTPUT.test(text)) return undefined;
  for (const [re, what, remote] of CALLS) {
    const m = re.exec(text);
    if (!m) continue;
    // keytar/keyring spelled through require(): the keychain library must be loaded.
    if (!remote && !/\bkeyring\b|\bkeytar\b/.test(text)) continue;
    const call = /[A-Za-z_][\w]*(?=\s*\(|\s*$)/.exec(m[0].replace(/\([\s\S]*$/, ''))?.[0] ?? m[0].trim();
    return { call: `${call.split('.').pop()} (${what})`, remote };
  }
  return undefined;
}
