import type { VerbTraits } from '../../registry/verbTraits';

/**
 * Platforms that name their production environment like a branch (Platform.sh and Upsun: the default
 * branch `main` is production; DatoCMS: the primary environment `main` is what the site serves). An option
 * naming that environment (`platform redeploy -e main`, `datocms migrations:run --destination=main`) is
 * production work; the word `main` says nothing of the kind for other tools (`git push origin main`).
 * What the verb floor adds to a command's environment hints: a source saying so, when one does.
 */
export function primaryEnvironment(traits: VerbTraits, options: readonly { name: string; value?: string; next?: string }[]): { source: string; value: string }[] {
  const primary = traits.primary;
  const option = primary === undefined ? undefined : options.find((o) => primary.options.includes(o.name) && (o.value ?? o.next) === primary.name);
  return option === undefined ? [] : [{ source: `${option.name} ${primary!.name} is ${primary!.platform}'s`, value: 'production environment' }];
}
