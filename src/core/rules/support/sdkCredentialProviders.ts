/**
 * Cloud and platform SDKs' credential providers called from code that prints or returns what they
 * resolve: Google's `google.auth.default()` (and `.token`), the AWS SDKs' provider chain
 * (`fromIni()()`, the Ruby SDK's `Aws::SharedCredentials`), the Kubernetes client's
 * `load_kube_config()` with its `api_key`, Azure's `get_token`, Python's `keyring.get_password`
 * (boto3's `get_credentials()` is the credential reach pack's). A provider call only counts next to an
 * output of the code (a print, a log, a write, a request): an SDK used for its ordinary calls
 * (`config.load_kube_config(); print(v1.list_namespace())`, a provider handed to a client) is routine.
 */

/** Each row: the provider call, what must be read of it, the reason, and whether the credential opens another machine (a cloud account, a cluster: production unless named otherwise). */
const PROVIDERS: ReadonlyArray<[RegExp, RegExp | undefined, string, boolean]> = [
  // Google: the default credentials' token (`google.auth.default()[0].token`, after a refresh), or GoogleAuth's access token.
  [/\bgoogle\.auth\b[\s\S]{0,200}\bdefault\s*\(|\bGoogleAuth\b/, /\.token\b|get_?[aA]ccess_?[tT]oken\s*\(|\brefresh\s*\(/, 'calls google.auth default credentials', true],
  // AWS SDK for JavaScript: a provider called for its credentials (`fromIni()()`), not one handed to a client.
  [/\b(?:from(?:Ini|Env|NodeProviderChain|ContainerMetadata|InstanceMetadata|TemporaryCredentials|SSO|Process|TokenFile|WebToken)|defaultProvider)\s*\([^()]*\)\s*\(\s*\)|\.config\.credentials\b|\bgetCredentials\s*\(/, undefined, 'calls the AWS SDK credential providers', true],
  [/\bAws::(SharedCredentials|InstanceProfileCredentials|ECSCredentials|AssumeRoleCredentials|CredentialProviderChain)\b/, undefined, 'calls the AWS SDK for Ruby credential providers', true],
  // Kubernetes clients: the loaded configuration's token, key or certificate (listing pods through it is routine).
  [/\bload_kube_config\s*\(|\bload_incluster_config\s*\(|\bloadFromDefault\s*\(/, /\bapi_key\b|\.token\b|get_default_copy|\bkey_file\b|\bcert_file\b|getCurrentUser\s*\(|\.users\b/, 'calls the Kubernetes client configuration loader', true],
  [/\bkeyring\.get_(password|credential)\s*\(|\bkeytar\.(getPassword|findCredentials|findPassword)\s*\(/, undefined, 'calls keyring.get_password', false],
  [/\b(DefaultAzureCredential|AzureCliCredential|ManagedIdentityCredential|ClientSecretCredential)\b[\s\S]{0,200}\bget_?[tT]oken\s*\(/, undefined, 'calls the Azure identity get_token', true],
];

/** The code shows, logs or sends what it holds. */
const OUTPUT = /\bprint\s*\(|\bpprint\b|\bconsole\.(log|info|error|dir)\b|\bprocess\.std(out|err)\.write\b|\bsys\.std(out|err)\.write\b|\bputs\b|\bp\s|\bjson\.dumps?\b|\bJSON\.stringify\b|\bwrite\s*\(|\brequests\.(post|put)\b|\bfetch\s*\(|\burlopen\b/;

/** The provider the code calls and shows, as "calls …"; undefined when it calls none or shows nothing. */
export function sdkCredentialCall(code: string): { what: string; remote: boolean } | undefined {
  const text = code.length > 100_000 ? code.slice(0, 100_000) : code;
  if (!OUTPUT.test(text)) return undefined;
  for (const [re, needs, what, remote] of PROVIDERS) if (re.test(text) && (!needs || needs.test(text))) return { what, remote };
  return undefined;
}
