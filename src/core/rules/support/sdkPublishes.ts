import { resolvePath } from '../../paths';
import type { CodeSnippet, Finding, RuleContext } from '../../policy/types';

/**
 * Publishing from interpreter code (stop 32, red team round 14; the team decision of stop 30: publishing to any
 * remote asks). Two kinds:
 * - a publishing library called in place of its CLI: twine's upload command (`from twine.commands.upload import
 *   main`), npm's `libnpmpublish.publish`, the Docker SDK's `images.push`;
 * - a folder sent whole to a hub or a bucket: Hugging Face `upload_folder`/`upload_large_folder`, W&B
 *   `Artifact.add_dir`, MLflow `log_artifacts`, boto3 uploads inside an `os.walk` — asked when the folder is the
 *   home folder or holds credential files (as `surge .` or `hf upload REPO .` are); a model or build folder stays allowed.
 * A prefilter on the call names keeps the cost to snippets that name one.
 */

const PREFILTER = /twine|libnpmpublish|images\.push|upload_folder|upload_large_folder|add_dir|log_artifacts|os\.walk/;

const LIBRARY_PUBLISHES: ReadonlyArray<{ language: CodeSnippet['language']; test: RegExp; what: string }> = [
  { language: 'python', test: /\btwine\.commands\.upload\b|\bfrom\s+twine\.commands\s+import\s+upload\b|\btwine\.__main__\b/, what: 'uploads distributions to the package index through twine\'s upload command' },
  { language: 'javascript', test: /\blibnpmpublish\b[\s\S]*\.publish\s*\(|\{\s*publish\s*\}\s*=\s*require\(\s*['"]libnpmpublish['"]\s*\)/, what: 'publishes a package version to the npm registry through libnpmpublish' },
  { language: 'python', test: /\bimport\s+docker\b[\s\S]*\.images\.push\s*\(|\bimport\s+docker\b[\s\S]*\.api\.push\s*\(/, what: 'pushes an image through the Docker SDK, replacing the tag every host that pulls it runs next' },
];

/** Calls that send a whole folder, each with the argument that names it (a keyword or the first positional string). */
const FOLDER_SENDS: ReadonlyArray<{ call: RegExp; keyword?: string; to: string; needs?: RegExp }> = [
  { call: /\.upload_(?:large_)?folder\s*\(/g, keyword: 'folder_path', to: 'a Hugging Face repository' },
  { call: /\.add_dir\s*\(/g, keyword: 'local_path', to: 'a Weights & Biases artifact' },
  { call: /\blog_artifacts\s*\(/g, keyword: 'local_dir', to: 'the MLflow artifact store' },
  { call: /\bos\.walk\s*\(/g, to: 'a cloud bucket', needs: /\.(upload_file|upload_fileobj|put_object)\s*\(/ },
];

/** A folder written as code: a string literal, the working folder or home. */
function folderOf(args: string, keyword: string | undefined): string | undefined {
  const literal = (text: string): string | undefined => /^\s*[rbuf]?(['"])([^'"]*)\1/.exec(text)?.[2];
  const computed = (text: string): string | undefined =>
    /^\s*(os\.getcwd\(\)|Path\.cwd\(\)|pathlib\.Path\.cwd\(\)|process\.cwd\(\))/.test(text) ? '.'
    : /^\s*(Path\.home\(\)|pathlib\.Path\.home\(\)|os\.path\.expanduser\(\s*['"]~['"]\s*\)|os\.homedir\(\))/.test(text) ? '~'
    : undefined;
  if (keyword !== undefined) {
    const at = args.search(new RegExp(`\\b${keyword}\\s*=`));
    if (at >= 0) {
      const value = args.slice(args.indexOf('=', at) + 1);
      return literal(value) ?? computed(value);
    }
  }
  return literal(args) ?? computed(args);
}

export function snippetPublishes(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  const text = snippet.text;
  if (!PREFILTER.test(text)) return [];
  const out: Finding[] = [];
  const env = ctx.environmentOf({ values: [], remote: true });
  const target = (name: string, provider: string) => ({ kind: 'resource' as const, name, provider, remote: true, environment: env.environment, environmentReason: env.reason });
  for (const lib of LIBRARY_PUBLISHES) {
    if (lib.language !== snippet.language || !lib.test.test(text)) continue;
    out.push({ rule: 'publishing.sdk-publish', risk: 'destructive', severity: 'ask', reason: `A ${snippet.language} snippet run by ${snippet.runner.name} ${lib.what}; a registry does not take this back.`, targets: [target('what the code publishes', 'package registry')] });
  }
  const facts = ctx.facts;
  const cwd = snippet.runner.cwd || facts.cwd;
  for (const send of FOLDER_SENDS) {
    if (send.needs !== undefined && !send.needs.test(text)) continue;
    for (const m of text.matchAll(send.call)) {
      const folder = folderOf(text.slice(m.index + m[0].length, m.index + m[0].length + 400), send.keyword);
      if (folder === undefined) continue;
      const dir = resolvePath(cwd, folder, facts.home);
      const home = dir === facts.home || facts.home.startsWith(dir + '/');
      const held = facts.credentials?.filesUnder(dir) ?? [];
      if (!home && held.length === 0) continue;
      const what = home ? 'the home folder' : `${folder} (with ${held[0]!.path}, ${held[0]!.label}${held.length > 1 ? ` and ${held.length - 1} more` : ''})`;
      out.push({ rule: 'publishing.sdk-folder-upload', risk: 'destructive', severity: 'ask', reason: `A ${snippet.language} snippet run by ${snippet.runner.name} sends ${what} whole to ${send.to}: whoever reads it there has those files, and it is not taken back.`, targets: [target(dir, send.to)] });
      break;
    }
  }
  return out;
}
