/**
 * Stop 39 (issue #18 criteria 1 and 8): the words the registry's described tools teach the verb floor, as derived by
 * `learnedVerbs.ts` (each word: its class, how many tools use it for that class, how many use it at all, a few of
 * them). Data only, so the hook loads no tool description to read it; `test/unit/registry/learnedVerbs.test.ts`
 * derives the table again and fails, printing the new rows, when the registry teaches something else.
 */

export type VerbClass = 'destroy' | 'publish' | 'disrupt' | 'secret-print' | 'read' | 'other';

/** [class, tools using the word for it, tools using the word, examples]. */
export type LearnedRow = readonly [VerbClass, number, number, string];

export const LEARNED_TABLE: Readonly<Record<string, LearnedRow>> = {
  clean: ['destroy', 2, 2, 'hg, cosign'],
  completion: ['read', 2, 2, 'helm, ngrok'],
  del: ['destroy', 3, 3, 'vercel, svn, helm'],
  delete: ['destroy', 38, 40, 'aws, gcloud, az, eksctl'],
  deprecate: ['publish', 2, 2, 'npm, pnpm'],
  describe: ['read', 2, 2, 'git, kubectl'],
  destroy: ['destroy', 12, 14, 'gcloud, railway, fly, heroku'],
  diff: ['read', 5, 6, 'argocd, git, kubectl, helm'],
  drop: ['destroy', 2, 2, 'git, git-annex'],
  graph: ['read', 3, 3, 'terraform, terragrunt, pulumi'],
  history: ['read', 4, 4, 'argocd, helm, docker, pulumi'],
  info: ['read', 4, 4, 'wrangler, kubectl, docker, esrally'],
  inspect: ['read', 3, 3, 'turso, helm, docker'],
  list: ['read', 10, 10, 'argocd, wrangler, git, helm'],
  log: ['read', 2, 2, 'git, kubectl'],
  logs: ['read', 4, 4, 'argocd, kubectl, docker, docker-compose'],
  ls: ['read', 6, 6, 'git, helm, docker, docker-compose'],
  output: ['read', 3, 3, 'terraform, terragrunt, pulumi'],
  ps: ['read', 2, 2, 'docker, docker-compose'],
  publish: ['publish', 14, 14, 'aws, wrangler, npm, pnpm'],
  purge: ['destroy', 4, 5, 'aws, gcloud, az, hg'],
  rb: ['destroy', 2, 2, 'aws, gsutil'],
  redeploy: ['publish', 2, 2, 'railway, kamal'],
  remove: ['destroy', 28, 35, 'gcloud, azcopy, argocd, railway'],
  report: ['read', 2, 2, 'vegeta, artillery'],
  reset: ['destroy', 6, 7, 'aws, fly, heroku, supabase'],
  select: ['read', 3, 3, 'terraform, terragrunt, pulumi'],
  show: ['read', 6, 6, 'turso, git, helm, docker'],
  status: ['read', 2, 2, 'git, helm'],
  suspend: ['disrupt', 3, 3, 'aws, fly, render'],
  top: ['read', 3, 3, 'kubectl, docker, docker-compose'],
  unpublish: ['destroy', 3, 3, 'npm, pnpm, vsce'],
  validate: ['read', 2, 2, 'terraform, terragrunt'],
  wait: ['read', 2, 2, 'argocd, kubectl'],
  yank: ['destroy', 2, 2, 'gem, cargo'],
};

export interface Learned {
  word: string;
  verbClass: VerbClass;
  tools: number;
  of: number;
  examples: string;
}

/** What the described tools teach about one word, or undefined when they teach nothing clear. */
export function learnedVerb(word: string): Learned | undefined {
  const lower = word.toLowerCase();
  if (!Object.prototype.hasOwnProperty.call(LEARNED_TABLE, lower)) return undefined;
  const [verbClass, tools, of, examples] = LEARNED_TABLE[lower]!;
  return { word: lower, verbClass, tools, of, examples };
}
