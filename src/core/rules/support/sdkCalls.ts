/**
 * The reading beneath the client-library list (issue #18, "verbs over lists"; red team round 14): which
 * names of interpreter code stand for an imported third-party client, and which method calls are made on
 * them. A module is a client when it is a known vendor's namespace (`boto3`, `google.cloud.*`, `azure.*`,
 * `@aws-sdk/*`, `auth0`, `cloudflare`, `dropbox`, `huggingface_hub`, `docker`, `kubernetes`, the `mongo`
 * gem…) or when it is no part of the language's standard library and the code builds a client from it
 * (`heroku3.from_key(…)`, `new Vercel(…)`, `WorkspaceClient()`). A name stands for a client when it is
 * such a module's alias or was assigned from an expression that holds one (`c = pymongo.MongoClient(…)`,
 * `col = c.app.users`), or is a loop, lambda or callback parameter fed by one (`for v in client.volumes.list()`,
 * `.then(s => s.delete())`). Calls on anything else (a local list, `os.remove`, a dict) are not read.
 * Everything here is bounded and reads the text once per snippet.
 */

import { identifierParts } from './cliArgs';

export type SdkLanguage = 'python' | 'javascript' | 'ruby';

/** Python's standard library (top-level names, `sys.stdlib_module_names`) and the modules every snippet of a project may load. */
const PY_STDLIB = new Set(('abc aifc antigravity argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb binascii bisect builtins bz2 cProfile calendar cgi cgitb chunk cmath cmd code codecs codeop collections colorsys compileall concurrent configparser contextlib contextvars copy copyreg crypt csv ctypes curses dataclasses datetime dbm decimal difflib dis distutils doctest email encodings ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch fractions ftplib functools gc genericpath getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac html http idlelib imaplib imghdr imp importlib inspect io ipaddress itertools json keyword lib2to3 linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder msilib msvcrt multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode operator optparse os ossaudiodev pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib posix posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc pydoc_data pyexpat queue quopri random re readline reprlib resource rlcompleter runpy sched secrets select selectors shelve shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd sqlite3 sre_compile sre_constants sre_parse ssl stat statistics string stringprep struct subprocess sunau symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios textwrap this threading time timeit tkinter token tokenize tomllib trace traceback tracemalloc tty turtle turtledemo types typing unicodedata unittest urllib uu uuid venv warnings wave weakref webbrowser winreg winsound wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo __future__').split(' '));
/** Node's built-in modules. */
const JS_BUILTINS = new Set(('assert async_hooks buffer child_process cluster console constants crypto dgram diagnostics_channel dns domain events fs http http2 https inspector module net os path perf_hooks process punycode querystring readline repl stream string_decoder sys timers tls trace_events tty url util v8 vm wasi worker_threads zlib test').split(' '));
/** Ruby's standard library and default gems. */
const RB_STDLIB = new Set(('json net/http net/https uri open-uri fileutils set yaml psych open3 securerandom time date digest base64 csv erb logger optparse ostruct pathname tempfile tmpdir socket openssl pp benchmark English shellwords stringio zlib timeout etc find forwardable singleton observer delegate monitor thread bigdecimal io/console rbconfig objspace ripper coverage prime matrix abbrev getoptlong resolv ipaddr webrick').split(' '));

/** Third-party libraries that hold data only in the program (arrays, frames, parsers, test frameworks): never a client. */
const LOCAL_LIBRARIES = /^(numpy|pandas|polars|scipy|sklearn|torch|tensorflow|jax|matplotlib|seaborn|PIL|cv2|lxml|bs4|yaml|toml|attr|attrs|pydantic|click|typer|rich|tqdm|pytest|mock|hypothesis|faker|freezegun|responses|moto|mongomock|fakeredis|lodash|underscore|ramda|immutable|jquery|chai|sinon|jest|vitest|mocha|nock|msw|dayjs|moment|uuid|chalk|commander|yargs|zod|rspec|minitest|nokogiri|activesupport|faker)$/;

/**
 * Known vendors' client namespaces beyond the store table of `clientLibraries.ts`, by the name code imports
 * (an exact name, or a prefix ending in `.`, `/` or `-`). Value: the name a reader knows.
 */
const VENDORS: ReadonlyArray<[string, string]> = [
  ['boto3', 'AWS (boto3)'], ['aioboto3', 'AWS (boto3)'], ['botocore', 'AWS (botocore)'], ['aws-sdk', 'AWS SDK'], ['@aws-sdk/', 'AWS SDK'], ['aws-sdk-', 'AWS SDK'],
  ['google.cloud', 'Google Cloud'], ['google.cloud.', 'Google Cloud'], ['@google-cloud/', 'Google Cloud'], ['google-cloud-', 'Google Cloud'], ['googleapiclient', 'Google APIs'], ['googleapis', 'Google APIs'],
  ['azure.', 'Azure'], ['@azure/', 'Azure'], ['azure-', 'Azure'],
  ['auth0', 'Auth0'], ['auth0.', 'Auth0'], ['okta', 'Okta'], ['@okta/', 'Okta'], ['keycloak', 'Keycloak'], ['@keycloak/', 'Keycloak'],
  ['cloudflare', 'Cloudflare'], ['CloudFlare', 'Cloudflare'], ['fastly', 'Fastly'], ['@vercel/', 'Vercel'], ['vercel', 'Vercel'], ['netlify', 'Netlify'], ['heroku3', 'Heroku'], ['heroku', 'Heroku'], ['platform-api', 'Heroku'],
  ['digitalocean', 'DigitalOcean'], ['pydo', 'DigitalOcean'], ['hcloud', 'Hetzner Cloud'], ['linode_api4', 'Linode'], ['@linode/', 'Linode'], ['fly', 'Fly.io'],
  ['contentful-management', 'Contentful'], ['contentful_management', 'Contentful'], ['contentful', 'Contentful'], ['@sanity/client', 'Sanity'], ['@sanity/', 'Sanity'], ['strapi', 'Strapi'],
  ['dropbox', 'Dropbox'], ['box_sdk_gen', 'Box'], ['boxsdk', 'Box'], ['twilio', 'Twilio'], ['twilio.', 'Twilio'], ['sendgrid', 'SendGrid'], ['@sendgrid/', 'SendGrid'],
  ['slack_sdk', 'Slack'], ['@slack/', 'Slack'], ['github', 'GitHub (PyGithub)'], ['@octokit/', 'GitHub (Octokit)'], ['octokit', 'GitHub (Octokit)'], ['gitlab', 'GitLab'], ['@gitbeaker/', 'GitLab'],
  ['huggingface_hub', 'Hugging Face'], ['@huggingface/', 'Hugging Face'], ['mlflow', 'MLflow'], ['wandb', 'Weights & Biases'], ['openai', 'OpenAI'], ['anthropic', 'Anthropic'], ['@anthropic-ai/', 'Anthropic'], ['replicate', 'Replicate'], ['cohere', 'Cohere'],
  ['docker', 'Docker'], ['dockerode', 'Docker'], ['kubernetes', 'Kubernetes'], ['kubernetes.', 'Kubernetes'], ['@kubernetes/', 'Kubernetes'], ['kubeclient', 'Kubernetes'], ['kr8s', 'Kubernetes'],
  ['databricks.', 'Databricks'], ['databricks', 'Databricks'], ['@databricks/', 'Databricks'], ['couchbase', 'Couchbase'], ['couchbase.', 'Couchbase'], ['couchdb', 'CouchDB'], ['nano', 'CouchDB (nano)'], ['pycouchdb', 'CouchDB'],
  ['kazoo', 'ZooKeeper (kazoo)'], ['kazoo.', 'ZooKeeper (kazoo)'], ['node-zookeeper-client', 'ZooKeeper'], ['zookeeper', 'ZooKeeper'],
  ['stripe', 'Stripe'], ['braintree', 'Braintree'], ['square', 'Square'], ['shopify', 'Shopify'], ['shopify_api', 'Shopify'], ['@shopify/', 'Shopify'], ['simple_salesforce', 'Salesforce'], ['jsforce', 'Salesforce'],
  ['hubspot', 'HubSpot'], ['@hubspot/', 'HubSpot'], ['zenpy', 'Zendesk'], ['jira', 'Jira'], ['atlassian', 'Atlassian'], ['notion_client', 'Notion'], ['@notionhq/', 'Notion'], ['pyairtable', 'Airtable'], ['airtable', 'Airtable'],
  ['supabase', 'Supabase'], ['@supabase/', 'Supabase'], ['firebase_admin', 'Firebase'], ['firebase-admin', 'Firebase'], ['pinecone', 'Pinecone'], ['@pinecone-database/', 'Pinecone'],
  ['mongo', 'MongoDB'], ['pymongo', 'MongoDB'], ['mongodb', 'MongoDB'], ['pulumi', 'Pulumi'], ['@pulumi/', 'Pulumi'], ['pagerduty', 'PagerDuty'], ['datadog_api_client', 'Datadog'], ['@datadog/', 'Datadog'], ['sentry_sdk', 'Sentry'],
];

/** Ruby constants of vendors' gems (`Mongo::Client`, `Aws::S3::Bucket`), read as the gem's client. */
const RUBY_VENDOR_CONSTANTS = /^(Mongo|Aws|Google|Stripe|Octokit|Twilio|PlatformAPI|Heroku|Docker|Kubeclient|Fog|DropboxApi|Dropbox|Contentful|Slack|Gitlab|Azure|Auth0|Cloudflare|Databricks|Couchbase|Sentry|PagerDuty)$/;
/** Ruby's own classes and modules: never a client. */
const RUBY_CORE = /^(File|Dir|FileUtils|IO|Hash|Array|String|Integer|Float|Kernel|Process|Time|Date|DateTime|JSON|YAML|Psych|ENV|Set|Struct|OpenStruct|Net|URI|Open3|Pathname|Tempfile|Dir|Math|Object|Class|Module|Comparable|Enumerable|Thread|Mutex|Queue|Signal|GC|ObjectSpace|Marshal|Regexp|Symbol|Range|Proc|Method|Random|SecureRandom|Digest|Base64|CSV|ERB|Logger|Socket|OpenSSL|Benchmark|Shellwords|StringIO|Zlib|Timeout|Etc|Find|STDOUT|STDERR|STDIN|ARGV|RbConfig)$/;

/**
 * A client built from a third-party module that is no known vendor's: a class or factory named as a client of an API
 * (`Client(`, `InstanceV1API(`, `create_client(`, `new AcmeSdk(`). A project's own module (`UserService().delete(5)`)
 * builds no such thing and is left alone.
 */
const CLIENT_BUILT = /\b\w*(?:Client|client|Api|API|Sdk|SDK)\s*[.(]|\b(?:create_client|createClient|from_env)\s*\(/;

export interface ClientModule {
  /** The name as imported: `boto3`, `google.cloud.storage`, `@azure/storage-blob`. */
  module: string;
  /** The name a reader knows: `AWS (boto3)`. */
  label: string;
  /** A known vendor's namespace (its calls reach the vendor); otherwise a third-party module, a client only once one is built from it. */
  vendor: boolean;
}

function vendorOf(spelled: string): string | undefined {
  const name = spelled.replace(/^(?:npm|jsr):/, '').replace(/^(@[^/@]+\/[^/@]+|[^/@]+)@[^/]*/, '$1');
  for (const [key, label] of VENDORS) {
    if (name === key) return label;
    if (/[./-]$/.test(key) && name.startsWith(key)) return label;
  }
  return undefined;
}

/** Whether an imported name is third-party (no part of the language's own library, no relative path). */
function thirdParty(name: string, language: SdkLanguage): boolean {
  if (language === 'python') return !PY_STDLIB.has(name.split('.')[0]!) && !LOCAL_LIBRARIES.test(name.split('.')[0]!);
  if (language === 'javascript') {
    if (/^(?:\.|\/|node:|https?:|file:)/.test(name)) return false;
    const bare = name.replace(/^(?:npm|jsr):/, '');
    const top = bare.startsWith('@') ? bare.split('/').slice(0, 2).join('/') : bare.split('/')[0]!;
    return !JS_BUILTINS.has(top) && !LOCAL_LIBRARIES.test(top);
  }
  return !RB_STDLIB.has(name) && !LOCAL_LIBRARIES.test(name);
}

export interface SnippetClients {
  /** Names of the code that stand for a client (aliases, variables, parameters), to the module behind them. */
  names: Map<string, ClientModule>;
  /** Names imported from a client module as functions (`from huggingface_hub import delete_repo`). */
  functions: Map<string, ClientModule>;
  /** Every client module the code loads. */
  modules: ClientModule[];
}

const STATEMENTS = /[^;\n]+/g;

/** The client modules a snippet imports, and the names of the code that hold one. Undefined when it imports none. */
export function snippetClients(code: string, language: SdkLanguage, extra: readonly string[] = []): SnippetClients | undefined {
  const text = code.length > 50_000 ? code.slice(0, 50_000) : code;
  const names = new Map<string, ClientModule>();
  const functions = new Map<string, ClientModule>();
  const modules: ClientModule[] = [];
  const moduleOf = (name: string): ClientModule | undefined => {
    const label = vendorOf(name);
    if (label !== undefined) return { module: name, label, vendor: true };
    return thirdParty(name, language) ? { module: name, label: name, vendor: false } : undefined;
  };
  const add = (alias: string, mod: ClientModule | undefined, fn = false): void => {
    if (!mod) return;
    if (!modules.some((m) => m.module === mod.module)) modules.push(mod);
    // A name imported from a vendor is a function or class of its API; from other modules only classes are clients.
    if (!fn) names.set(alias, mod);
    else if (/^[a-z_]/.test(alias) && mod.vendor) functions.set(alias, mod);
    else if (/^[A-Z]/.test(alias)) names.set(alias, mod);
  };
  if (language === 'python') {
    for (const m of text.matchAll(/(?:^|[;\n])\s*import\s+([\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+(?:\s+as\s+\w+)?)*)/g)) {
      for (const item of m[1]!.split(',')) {
        const [mod, , alias] = item.trim().split(/\s+/);
        add(alias ?? mod!.split('.')[0]!, moduleOf(mod!));
      }
    }
    for (const m of text.matchAll(/(?:^|[;\n])\s*from\s+([\w.]+)\s+import\s+\(?([\w, ]+)/g)) {
      for (const item of m[2]!.split(',')) {
        const [name, , alias] = item.trim().split(/\s+/);
        if (!name) continue;
        const full = moduleOf(`${m[1]}.${name}`);
        const mod = full?.vendor ? full : moduleOf(m[1]!) ?? full;
        add(alias ?? name, mod);
        add(alias ?? name, mod, true);
      }
    }
    for (const m of text.matchAll(/\b__import__\s*\(\s*['"]([\w.]+)['"]\s*\)/g)) add(`__import__('${m[1]}')`, moduleOf(m[1]!));
  } else if (language === 'javascript') {
    for (const m of text.matchAll(/\b(?:const|let|var)\s+(\w+|\{[^}]{0,300}\})\s*=\s*(?:await\s+)?(?:require|import)\s*\(\s*["'`]([^"'`\s]{1,100})["'`]\s*\)([.\w]*)/g)) bindJs(m[1]!, moduleOf(m[2]!), add);
    for (const m of text.matchAll(/\bimport\s+(\w+|\*\s+as\s+\w+|\{[^}]{0,300}\})(?:\s*,\s*(\{[^}]{0,300}\}))?\s+from\s+["']([^"'\s]{1,100})["']/g)) {
      bindJs(m[1]!.replace(/^\*\s+as\s+/, ''), moduleOf(m[3]!), add);
      if (m[2]) bindJs(m[2], moduleOf(m[3]!), add);
    }
    for (const m of text.matchAll(/\brequire\s*\(\s*["'`]([^"'`\s]{1,100})["'`]\s*\)/g)) {
      const mod = moduleOf(m[1]!);
      if (mod && !modules.some((x) => x.module === mod.module)) modules.push(mod);
    }
  } else {
    const gems: string[] = [...extra];
    for (const m of text.matchAll(/\brequire\s*\(?\s*["']([^"'\s]{1,100})["']/g)) gems.push(m[1]!);
    const required = gems.map(moduleOf).filter((x): x is ClientModule => x !== undefined);
    if (required.length === 0) return undefined;
    modules.push(...required);
    for (const m of text.matchAll(/(?:^|[^\w:])([A-Z]\w*)(?=::|\.new\b|\.\w)/g)) {
      const constant = m[1]!;
      if (RUBY_CORE.test(constant) || names.has(constant)) continue;
      const vendor = RUBY_VENDOR_CONSTANTS.test(constant);
      names.set(constant, vendor ? { module: required[0]!.module, label: required.find((r) => r.vendor)?.label ?? constant, vendor: true } : { ...required[0]!, vendor: false });
    }
  }
  if (modules.length === 0) return undefined;
  taint(text, names, language);
  return { names, functions, modules };
}

function bindJs(binding: string, mod: ClientModule | undefined, add: (alias: string, mod: ClientModule | undefined, fn?: boolean) => void): void {
  if (!binding.startsWith('{')) return add(binding, mod);
  for (const part of binding.slice(1, -1).split(',')) {
    const alias = part.split(':').pop()!.trim().split(/\s+as\s+/).pop()!.trim();
    if (/^\w+$/.test(alias)) add(alias, mod, true);
  }
}

const WORD = /[A-Za-z_$][\w$]*/g;

/** Whether an expression holds a client: a client name in it, or a vendor's `require(…)`. */
function holdsClient(expr: string, names: ReadonlyMap<string, ClientModule>): ClientModule | undefined {
  const required = /\brequire\s*\(\s*["'`]([^"'`\s]{1,100})["'`]/.exec(expr);
  if (required) {
    const label = vendorOf(required[1]!);
    if (label !== undefined) return { module: required[1]!, label, vendor: true };
  }
  for (const m of expr.matchAll(WORD)) {
    const mod = names.get(m[0]);
    if (!mod) continue;
    // A third-party module's name holds a client only once a client is built from it.
    if (mod.vendor || CLIENT_BUILT.test(expr.slice(m.index ?? 0))) return mod;
  }
  return undefined;
}

/** Variables assigned from a client, and loop, lambda and callback parameters fed by one (two passes, for use before assignment). */
function taint(text: string, names: Map<string, ClientModule>, language: SdkLanguage): void {
  for (let pass = 0; pass < 2; pass++) {
    for (const s of text.matchAll(STATEMENTS)) {
      const statement = s[0];
      const assign = /^\s*(?:(?:const|let|var)\s+)?([\w$]+(?:\s*,\s*[\w$]+)*|\{[^}]{0,200}\})\s*=(?![=>])\s*([\s\S]+)$/.exec(statement);
      if (assign) {
        const mod = holdsClient(assign[2]!, names);
        if (mod) for (const name of assign[1]!.replace(/[{}]/g, '').split(',')) {
          const alias = name.split(':').pop()!.trim();
          if (/^[\w$]+$/.test(alias) && !names.has(alias)) names.set(alias, { ...mod, vendor: true });
        }
      }
      // `for v in client.volumes.list()`, `lambda r: …`, `(s) => …`, `|b| …`, `.forEach(u => …)`.
      // `with docker.from_env() as c:`, `function (s) {…}` too.
      const params = language === 'python' ? /\bfor\s+(\w+)\s+in\s+|\blambda\s+(\w+)\s*:|\bas\s+(\w+)\s*[:,)]/g : language === 'ruby' ? /\|\s*(\w+)\s*(?:,\s*\w+\s*)?\|/g : /(?:\(\s*([\w$]+)[^()]*\)|\b([\w$]+))\s*=>|\bfunction\s*[\w$]*\s*\(\s*([\w$]+)/g;
      for (const p of statement.matchAll(params)) {
        const name = p[1] ?? p[2] ?? p[3];
        if (!name || names.has(name)) continue;
        const at = p.index ?? 0;
        // Python's comprehension names its source after the parameter (`… for v in SOURCE`); the others before it.
        const source = language === 'python' && p[1] !== undefined ? statement.slice(at, at + 300) : statement.slice(Math.max(0, at - 300), at);
        const mod = holdsClient(source, names);
        if (mod) names.set(name, { ...mod, vendor: true });
      }
    }
  }
}

export interface ClientCall {
  /** The method's name as written (`delete_many`, `deleteProject`, `delete!`). */
  method: string;
  /** Its argument text (to the matching parenthesis, bounded; empty without parentheses). */
  args: string;
  /** The receiver chain as written (`storage.Client().bucket('x').blob('y')`). */
  receiver: string;
  module: ClientModule;
  /** Where the method's name starts in the code. */
  index: number;
}

/** The argument text of a call opened at `open`. */
export function argumentText(code: string, open: number): string {
  let depth = 0;
  for (let i = open; i < code.length && i < open + 600; i++) {
    const c = code[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return code.slice(open + 1, i);
  }
  return code.slice(open + 1, open + 600);
}

/** The receiver chain ending just before `end` (identifiers, dots, `::`, balanced calls and subscripts, `new`). */
export function receiverBefore(code: string, end: number): string {
  let i = end - 1;
  const stop = Math.max(0, end - 400);
  while (i >= stop) {
    while (i >= stop && code[i] === ' ') i--;
    const c = code[i];
    if (c === ')' || c === ']') {
      const open = c === ')' ? '(' : '[';
      let depth = 0;
      for (; i >= stop; i--) {
        if (code[i] === c) depth++;
        else if (code[i] === open && --depth === 0) break;
      }
      i--;
      continue;
    }
    if (c !== undefined && /[\w$!?]/.test(c)) {
      while (i >= stop && /[\w$]/.test(code[i]!)) i--;
      while (i >= stop && code[i] === ' ') i--;
      if (code[i] === '.' || code[i] === '?') { i -= code[i - 1] === '?' ? 2 : 1; continue; }
      if (code[i] === ':' && code[i - 1] === ':') { i -= 2; continue; }
      if (code.slice(Math.max(0, i - 3), i + 1) === 'new ' || code.slice(Math.max(0, i - 2), i + 1) === 'new') { i -= 4; }
      break;
    }
    break;
  }
  return code.slice(i + 1, end).trim();
}

/** The first name of a receiver chain (`new Vercel(…).projects` → `Vercel`, `require("x").a` → `require("x")`). */
export function rootOf(receiver: string): string {
  const r = receiver.replace(/^(?:new|await)\s+/, '');
  const required = /^(?:require|__import__)\s*\(\s*["'`][^"'`]*["'`]\s*\)/.exec(r);
  if (required) return required[0].replace(/\s+/g, '');
  return /^[\w$]+/.exec(r)?.[0] ?? '';
}

/** Every method call made on a client (at most 40), in order. */
export function clientCalls(code: string, clients: SnippetClients): ClientCall[] {
  const text = code.length > 50_000 ? code.slice(0, 50_000) : code;
  const out: ClientCall[] = [];
  for (const m of text.matchAll(/(?:\.|->|::)\s*([A-Za-z_$][\w$]*[!]?)\s*(\(|(?=[\s;)\]}'"]|$))/g)) {
    const index = (m.index ?? 0) + m[0].indexOf(m[1]!);
    const receiver = receiverBefore(text, m.index ?? 0);
    const module = moduleOfRoot(rootOf(receiver), receiver, clients);
    if (!module) continue;
    const args = m[2] === '(' ? argumentText(text, (m.index ?? 0) + m[0].length - 1) : '';
    out.push({ method: m[1]!, args, receiver, module, index });
    if (out.length >= 40) break;
  }
  // Functions imported from a vendor's module (`delete_repo('acme/model')`).
  for (const m of text.matchAll(/(?<![.\w$])([a-z_][\w$]*)\s*\(/g)) {
    const module = clients.functions.get(m[1]!);
    if (!module) continue;
    out.push({ method: m[1]!, args: argumentText(text, (m.index ?? 0) + m[0].length - 1), receiver: '', module, index: m.index ?? 0 });
    if (out.length >= 48) break;
  }
  return out;
}

function moduleOfRoot(root: string, receiver: string, clients: SnippetClients): ClientModule | undefined {
  if (root.startsWith('require(') || root.startsWith('__import__(')) {
    const name = /["'`]([^"'`]+)["'`]/.exec(root)?.[1] ?? '';
    const label = vendorOf(name);
    return label !== undefined ? { module: name, label, vendor: true } : undefined;
  }
  const mod = clients.names.get(root);
  if (!mod) return undefined;
  return mod.vendor || CLIENT_BUILT.test(receiver) ? mod : undefined;
}

/** The word parts of a method's name (`files_delete_v2` → files, delete, v2; `deleteProject` → delete, project). */
export function methodParts(method: string): readonly string[] {
  return identifierParts(method.replace(/[!?]$/, ''));
}
