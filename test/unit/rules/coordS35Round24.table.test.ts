import { perimeterFacts } from './perimeterFixtures';
import { allowed, deny, familyTables, type Family } from './familyTable';

/**
 * Script files that delete or overwrite what they list while running (stop 35, red team round 24): the same code
 * inline was denied, in a file it was allowed. A file's listing is judged by its root: the working folder (it holds
 * hook configurations), the home folder (start-up files, the guard's home) — by literal, by `os.homedir()`/
 * `Path.home()`/`os.getcwd()` or a variable the file assigns one of them. A file listing `src/`, a temporary folder,
 * a folder from its arguments, or listing without writing, stays allowed.
 */

const TABLE: Record<string, Family> = {
  'a script file writing what it lists under a protected folder': {
    reason: /lists under (\.|~) while running/,
    rows: [
      deny('node /tmp/listing/dots.js'),
      deny('node /tmp/listing/home.js'),
      deny('node /tmp/listing/bins.js'),
      deny('python3 /tmp/listing/dots.py'),
      deny('python3 /tmp/listing/home.py'),
      deny('python3 /tmp/listing/glob.py'),
      deny('python3 /tmp/listing/cwd.py'),
      deny('ruby /tmp/listing/dots.rb'),
      deny('php /tmp/listing/dots.php'),
      deny('npx tsx /tmp/listing/dots.js'),
      allowed('node /tmp/listing/build.js'),
      allowed('node /tmp/listing/report.js'),
      allowed('node /tmp/listing/args.js src'),
      allowed('python3 /tmp/listing/tmp.py'),
      allowed('ruby /tmp/listing/docs.rb'),
    ],
  },
  'a path computed at run time that ends in a protected file name': {
    reason: /ends in the name of/,
    rows: [
      deny('ls -A | xargs -I{} mv {}/hooks.json {}/hooks.json.bak'),
      deny('ls -A | xargs -I% rm %/hooks.json'),
      deny('ls -A | xargs -n1 -I{} chmod 000 {}/hooks.json'),
      deny('ls -A | parallel mv {}/hooks.json {}/hooks.bak'),
      deny('ls -A | parallel truncate -s0 {}/settings.json'),
      deny('find . -maxdepth 1 -type d | xargs -I{} cp /dev/null {}/settings.local.json'),
      allowed('ls packages | xargs -I{} cp tsconfig.json packages/{}/tsconfig.json'),
      allowed('ls src | parallel gzip -k src/{}'),
      allowed("find . -name '*.png' | parallel convert {} {.}.webp"),
      allowed('ls | parallel echo {}'),
    ],
  },
};

familyTables('script files writing what they list, computed paths with protected names (coordinator, stop 35)', TABLE, perimeterFacts);
