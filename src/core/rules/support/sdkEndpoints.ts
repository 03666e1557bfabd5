import type { CodeSnippet, Finding } from '../../policy/types';
import { foreignAwsEndpoint } from './credentialEndpoints';
import { outsideHost } from './endpointOverrides';

/**
 * An SDK client made in interpreter code with its address moved: `boto3.client('sts',
 * endpoint_url='https://x.example')`, `new S3Client({ endpoint: 'https://x.example' })`,
 * `OpenAI(base_url='https://x.example')`. The client signs or authenticates every call with the
 * credentials it finds (the AWS keys, the vendor's API key from the environment) and sends them to
 * that address, as `aws --endpoint-url` and `OPENAI_BASE_URL=` do on the command line
 * (`credentialEndpoints.ts`, `endpointOverrides.ts`). Local emulators, private addresses and
 * S3-compatible stores stay allowed, as there.
 */

/** AWS SDKs (boto3/botocore/aioboto3, the JavaScript SDKs) and the option that moves a client's endpoint. */
const AWS_SDK = /\b(boto3|botocore|aioboto3|aiobotocore)\b|@aws-sdk\/|\baws-sdk\b|\bAWS\.[A-Z]\w+\s*\(/;
const AWS_ENDPOINT = /\b(?:endpoint_url|endpoint|endpointUrl)\s*[=:]\s*['"`]([^'"`\s]+)['"`]/g;
/** Vendor clients (OpenAI, Anthropic, and those built on the OpenAI client) given another API address. */
const VENDOR_CLIENT = /\b(OpenAI|AsyncOpenAI|AzureOpenAI|Anthropic|AsyncAnthropic|Groq|Mistral|Together|Cohere)\s*\(/;
const VENDOR_ADDRESS = /\b(?:base_url|baseURL|api_base|base_path)\s*[=:]\s*['"`]([^'"`\s]+)['"`]/g;

export function checkSnippetSdkEndpoints(snippet: CodeSnippet): Finding[] {
  const text = snippet.text;
  const who = `A ${snippet.language} snippet run by ${snippet.runner.name}`;
  if (AWS_SDK.test(text)) {
    for (const m of text.matchAll(AWS_ENDPOINT)) {
      const host = foreignAwsEndpoint(m[1]!);
      if (host !== undefined) return [finding(`${who} makes an AWS client whose endpoint is ${host}: every call is signed with the AWS credentials and sent (with the access key id) there, an endpoint that is not AWS.`, 'the AWS credentials', host)];
    }
  }
  if (VENDOR_CLIENT.test(text)) {
    for (const m of text.matchAll(VENDOR_ADDRESS)) {
      const host = outsideHost(m[1]!);
      if (host !== undefined) return [finding(`${who} makes an API client whose address is ${host}: its API key is presented there, not to its vendor's service.`, 'the API key', host)];
    }
  }
  return [];
}

function finding(reason: string, name: string, host: string): Finding {
  return {
    rule: 'credentials.sent-out',
    risk: 'credential-dump',
    severity: 'ask',
    reason,
    targets: [{ kind: 'credential', name, remote: true, environment: 'unknown', environmentReason: `sent to ${host}, whose environment nothing names` }],
  };
}
