import { strict as assert } from 'node:assert';
import { foldedNames } from '../../../src/core/rules/support/foldedStrings';

/**
 * Names interpreter code builds from literals (support/foldedStrings.ts): each spelling folds to the
 * name it builds, and code that builds no name (or only text a literal already shows) folds to nothing.
 */

const BUILT: ReadonlyArray<readonly [code: string, language: string | undefined, name: string]> = [
  [`open F, sprintf("%s/.%s-shield/decider/key",$ENV{HOME},"blast")`, 'perl', '~/.blast-shield/decider/key'],
  [`print(io.open(os.getenv("HOME").."/\\46blast-shield/decider/key"))`, 'lua', '~/.blast-shield/decider/key'],
  [`open F, "\\056env.production"`, 'perl', '.env.production'],
  [`readFileSync('\\x2eenv')`, 'javascript', '.env'],
  [`readFileSync('\\u002eenv')`, 'javascript', '.env'],
  [`File.read(".e" "nv")`, 'ruby', '.env'],
  [`IO.read(%w[. env].join)`, 'ruby', '.env'],
  [`File.read([46].pack("c*")+"env")`, 'ruby', '.env'],
  [`open(bytes([46,101,110,118]).decode())`, 'python', '.env'],
  [`open(f'.{"env"}')`, 'python', '.env'],
  [`open("{}/{}".format(os.environ["HOME"], ".netrc"))`, 'python', '~/.netrc'],
  [`open("%s/.netrc" % os.path.expanduser("~"))`, 'python', '~/.netrc'],
  [`open(os.path.join(os.path.expanduser("~"), ".aws", "credentials"))`, 'python', '~/.aws/credentials'],
  [`io.lines(("vne."):reverse())`, 'lua', '.env'],
  [`io.open(os.getenv("HOME")..string.char(47,46).."netrc")`, 'lua', '~/.netrc'],
  [`readLines(paste0(".e","nv"))`, 'R', '.env'],
  [`read(homedir()*"/.aws/credentials",String)`, 'julia', '~/.aws/credentials'],
  [`select readfile('.e'||'nv')`, undefined, '.env'],
  [`BEGIN{f=ENVIRON["HOME"]; f=f "/.netrc"}`, 'awk', '~/.netrc'],
  [`$p = "$ENV{HOME}/.aws"; open F, $p . "/credentials"`, 'perl', '~/.aws/credentials'],
  [`puts [read [open $env(HOME)/.aws/credentials]]`, 'tclsh', '~/.aws/credentials'],
  [`echo implode("", [".e", "nv"]);`, 'php', '.env'],
  [`console.log(["a", "b"].join("/") + "/.env")`, 'javascript', 'a/b/.env'],
];

const NOTHING: ReadonlyArray<readonly [code: string, language?: string]> = [
  [`print("a" + "b")`, 'python'],
  [`console.log("Hello, " + name + "!")`, 'javascript'],
  [`print(", ".join(["a", "b"]))`, 'python'],
  [`printf("%s has %d\\n", "list", 3)`, 'perl'],
  [`open("README.md")`, 'python'],
  [`x = 1 + 2`, 'python'],
];

describe('foldedStrings: names built from literals', () => {
  for (const [code, language, name] of BUILT) {
    it(`builds ${name}: ${code}`, () => assert.ok(foldedNames(code, language).split('\n').includes(name), foldedNames(code, language)));
  }
  for (const [code, language] of NOTHING) {
    it(`builds no path: ${code}`, () => assert.equal(foldedNames(code, language), ''));
  }
  it('leaves code past its size bound alone', () => assert.equal(foldedNames(`open(".e" + "nv")${' '.repeat(20_000)}`, 'python'), ''));
});
