import type { Finding, Invocation } from '../../policy/types';

/**
 * HTTP APIs whose answer is secret values: the Kubernetes API's secrets (straight or through `kubectl
 * proxy`), etcd's and Consul's key stores read whole, the kubelet's pod specs (their environment),
 * GitLab's CI/CD variables, Vault's KV. Judged by the URL's path, whatever host serves it (a proxy on
 * localhost is the cluster).
 */

const HTTP_CLIENTS = new Set(['curl', 'wget', 'http', 'https', 'xh', 'xhs', 'curlie', 'httpie']);

const SECRET_PATHS: ReadonlyArray<{ re: RegExp; what: string }> = [
  { re: /\/api\/v1\/(namespaces\/[^/?#]+\/)?secrets(\/|\?|$)/, what: 'Kubernetes secret values' },
  // A v3 range of one key is a read of that key (the wire tables keep it allowed); v2 asked recursively is the whole store.
  { re: /:2379\/v2\/keys\/?[^\s]*\brecursive=true/, what: 'every etcd key with its value' },
  { re: /\/v1\/kv\/[^\s]*[?&]recurse\b/, what: 'Consul KV values' },
  { re: /:10250\/(pods|runningpods|configz)\b/, what: 'the kubelet\'s pod specs (their environment)' },
  { re: /\/api\/v4\/(projects|groups)\/[^/?#]+\/variables(\/|\?|$)|\/api\/v4\/admin\/ci\/variables\b/, what: 'GitLab CI/CD variables with their values' },
  { re: /\/v1\/[^/\s]+\/data\/|\/v1\/secret\//, what: 'Vault secrets' },
  // Spring Boot Actuator (docs.spring.io/spring-boot/reference/actuator/endpoints.html): the environment and configuration with their values, or the whole heap.
  { re: /\/actuator\/(env|configprops)(\/|\?|$)/, what: "the application's environment and configuration values (Spring Boot Actuator)" },
  { re: /\/actuator\/heapdump\b/, what: "a heap dump of the application (every secret it holds in memory)" },
];

export function checkSecretApis(inv: Invocation): Finding[] {
  if (!HTTP_CLIENTS.has(inv.name)) return [];
  for (const a of inv.args) {
    // A user-info part (`http://u:p@host/…`) changes nothing about what the path asks for; it is never shown.
    const url = a.text.replace(/^((?:https?:\/\/)?)[^\s/@?#]*@/i, '$1');
    if (!/^(https?:\/\/)?\w[\w.-]*(:\d+)?\//i.test(url)) continue;
    const hit = SECRET_PATHS.find((p) => p.re.test(url));
    if (!hit) continue;
    return [{
      rule: 'credentials.dump',
      risk: 'credential-dump',
      severity: 'ask',
      reason: `${inv.name} asks ${url.replace(/[?#].*$/, '')} for ${hit.what}.`,
      targets: [{ kind: 'credential', name: hit.what, provider: inv.name, remote: true, environment: 'unknown', environmentReason: 'the service the URL names' }],
    }];
  }
  return [];
}
