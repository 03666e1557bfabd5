import { ownTable } from '../ownTable';
/**
 * Files a build script reads from the home folder (round 8): Gradle's `System.getenv("HOME") +
 * "/.aws/credentials"`, `System.getProperty("user.home")`, Rust's `env::var("HOME").unwrap() + "/.ssh/id_ed25519"`,
 * `dirs::home_dir().join(".kube/config")`, Go's `os.UserHomeDir()`, Node's `os.homedir()`, Python's
 * `expanduser("~/.netrc")`, tox's `{env:HOME}`/`{homedir}`, and a compose file's volumes mounting a home
 * folder (`~/.aws:/a`) into a container. Each becomes the shell line that reads the same file
 * (`cat ~/.aws/credentials`; `tar -c ~/.aws` for a folder), so the credential rules judge the read
 * as if the build ran now. Only dot-files and dot-folders of home are returned: a project's own
 * files are read by the walker where it reads them.
 */

const HOME_EXPRESSION = /System\.getenv\(\s*["']HOME["']\s*\)|System\.getProperty\(\s*["']user\.home["']\s*\)|env::var\(\s*"HOME"\s*\)|home_dir\(\)|UserHomeDir\(\)|homedir\(\)|os\.Getenv\(\s*"HOME"\s*\)|Environment\.GetFolderPath|expanduser\(|Path\.home\(\)|ENV\[\s*["']HOME["']\s*\]|Dir\.home|\$HOME|\$\{HOME\}|\{env:HOME\}|\{homedir\}|~\//g;
const DOT_PATH = /["'`]?\/?(\.[\w.-]+(?:\/[\w.-]+)*)/y;

function shellWord(path: string): string {
  return `~/'${path.replace(/'/g, `'\\''`)}'`;
}

/** `cat ~/.aws/credentials` per home dot-file a build script names after a home expression. */
export function homeFileReads(text: string): string[] {
  const out = new Set<string>();
  const body = text.length > 100_000 ? text.slice(0, 100_000) : text;
  for (const m of body.matchAll(HOME_EXPRESSION)) {
    if (out.size >= 8) break;
    // The path follows within the same expression: `+ "/.aws/credentials"`, `.join(".ssh/id_rsa")`, `("~/.netrc")`.
    const after = body.slice(m.index! + m[0].length, m.index! + m[0].length + 160);
    const lead = /^[^"'`\n;]{0,60}?(?=["'`]\/?\.|\/\.)|^(?=\.)/.exec(after);
    if (!lead) continue;
    DOT_PATH.lastIndex = lead[0].length;
    const path = DOT_PATH.exec(after)?.[1];
    if (path === undefined || path === '.' || path === '..' || path.startsWith('../')) continue;
    out.add(`cat ${shellWord(path)}`);
  }
  return [...out];
}

/** The credential files a mounted home folder hands over, by the folder (any other folder is read whole). */
const FOLDER_FILES: Readonly<Record<string, readonly string[]>> = ownTable({
  '.aws': ['credentials', 'config'],
  '.ssh': ['id_rsa', 'id_ed25519', 'id_ecdsa'],
  '.kube': ['config'],
  '.docker': ['config.json'],
  '.azure': ['msal_token_cache.json', 'accessTokens.json'],
  '.config/gcloud': ['application_default_credentials.json', 'credentials.db'],
});

/** A compose file's volumes that mount a home dot-folder or dot-file into a container (`~/.aws:/a`, `${HOME}/.ssh:/root/.ssh:ro`). */
export function composeHomeMounts(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.slice(0, 100_000).matchAll(/(?:^|[\s["',-])(?:~|\$HOME|\$\{HOME\})\/(\.[\w.-]+(?:\/[\w.-]+)*)\s*:\s*\//gm)) {
    if (out.size >= 8) break;
    const folder = m[1]!.replace(/\/+$/, '');
    const files = FOLDER_FILES[folder];
    out.add(files ? `cat ${files.map((f) => shellWord(`${folder}/${f}`)).join(' ')}` : `tar -c ${shellWord(folder)}`);
  }
  return [...out];
}
