/**
 * Migration tools reached through a build tool's plugin or a small CLI of their own, for the migration
 * pack (`migrationTools.ts`): Flyway's and Liquibase's Maven goals and Gradle tasks (`mvn flyway:clean`,
 * `./gradlew flywayClean`, `mvn liquibase:dropAll`, `gradle dropAll` of the Liquibase plugin) run the
 * same command as the tool's own CLI; Postgrator's `postgrator 0` migrates down to version 0.
 */

/** Goal or task names, lower-cased without separators, and the tool command they run. */
const GOALS: readonly [RegExp, string, string][] = [
  [/^flyway[:]?(clean|undo|migrate|info|validate|repair|baseline)$/i, 'flyway', '$1'],
  [/^liquibase[:]?(dropall|rollback\w*|update\w*|status|history)$/i, 'liquibase', '$1'],
  // The Liquibase Gradle plugin's tasks carry no prefix (`gradle dropAll`, `gradle rollbackCount`).
  [/^(dropall|rollbackcount|rollbacktodate|rollback)$/i, 'liquibase', '$1'],
];

export const GOAL_RUNNERS: readonly string[] = ['mvn', 'mvnw', 'gradle', 'gradlew'];
const BUILD_TOOLS = new Set(GOAL_RUNNERS);

/** The migration tool and its command word a build tool's goal or task runs, or undefined. */
export function buildToolGoal(name: string, words: readonly string[]): { base: string; command: string; at: number } | undefined {
  if (!BUILD_TOOLS.has(name)) return undefined;
  for (let at = 0; at < words.length; at++) {
    const word = words[at]!.replace(/^:/, '').replace(/^[\w-]+:(?=flyway|liquibase)/i, '');
    for (const [re, base, command] of GOALS) {
      const m = re.exec(word.replace(/[-_]/g, ''));
      if (m) return { base, command: command.replace('$1', m[1]!.toLowerCase()), at };
    }
  }
  return undefined;
}
