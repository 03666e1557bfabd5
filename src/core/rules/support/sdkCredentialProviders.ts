/**
 * Cloud and platform SDKs' credential providers called from code that prints or returns what they
 * resolve: Google's `google.auth.default()` (and `.token`), the AWS SDKs' provider chain
 * (`fromIni()`, `fromNodeProviderChain()`, boto3 `get_credentials()`), the Kubernetes client's
 * `load_kube_config()` with its `api_key`, Azure's `get_token`, Python's `keyring.get_password`.
 * A provider call only counts next to an output of the code (a print, a log, a write, a request):
 * an SDK used for its ordinary calls (`boto3.client("s3").list_buckets()`) is routine.
 */

const PROVIDERS: ReadonlyArray<[RegExp, string]> = [
  [/\bgoogle\.auth\.default\s*\(|\bgoogle\.auth\b[\s\S]{0,200}\bdefault\s*\(|\bGoogleAuth\b[\s\S]{0,200}\bget(Access)?Token\s*\(|\bcredentials\.refresh\s*\([\s\S]{0,200}\.token\b/, 'calls google.auth default credentials'],
  [/\bfrom(Ini|Env|NodeProviderChain|ContainerMetadata|InstanceMetadata|TemporaryCredentials|SSO|Process|TokenFile|WebToken)\s*\(|\bdefaultProvider\s*\(|\bcredential-providers\b|\.config\.credentials\b|\bgetCredentials\s*\(/, 'calls the AWS SDK credential providers'],
  [/\bAws::(SharedCredentials|InstanceProfileCredentials|ECSCredentials|AssumeRoleCredentials|CredentialProviderChain)\b/, 'calls the AWS SDK for Ruby credential providers'],
  [/\bget_credentials\s*\(\s*\)|\bget_frozen_credentials\s*\(|\.secret_key\b|\baws_secret_access_key\b/, 'calls boto3 get_credentials'],
  [/\bload_kube_config\s*\(|\bload_incluster_config\s*\(|\bloadFromDefault\s*\(|\bKubeConfig\s*\(/, 'calls the Kubernetes client configuration loader'],
  [/\bkeyring\.get_(password|credential)\s*\(|\bkeytar\.(getPassword|findCredentials|findPassword)\s*\(/, 'calls keyring.get_password'],
  [/\b(DefaultAzureCredential|AzureCliCredential|ManagedIdentityCredential|ClientSecretCredential)\b[\s\S]{0,200}\bget_?[tT]oken\s*\(/, 'calls the Azure identity get_token'],
];

/** The code shows, logs or sends what it holds. */
const OUTPUT = /\bprint\s*\(|\bpprint\b|\bconsole\.(log|info|error|dir)\b|\bprocess\.std(out|err)\.write\b|\bsys\.std(out|err)\.write\b|\bputs\b|\bp\s|\bjson\.dumps?\b|\bJSON\.stringify\b|\bwrite\s*\(|\brequests\.(post|put)\b|\bfetch\s*\(|\burlopen\b/;

/** The provider the code calls and shows, as "calls …"; undefined when it calls none or shows nothing. */
export function sdkCredentialCall(code: string): string | undefined {
  const text = code.length > 100_000 ? code.slice(0, 100_000) : code;
  if (!OUTPUT.test(text)) return undefined;
  for (const [re, what] of PROVIDERS) if (re.test(text)) return what;
  return undefined;
}
