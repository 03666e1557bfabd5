/**
 * The files one analysis reads (scripts, sourced files, package.json, Makefiles), within its limits,
 * and the files earlier commands in it write: what a later command reads from such a file is the
 * content written when that is known (`cat > x.sh <<EOF … EOF; sh x.sh`), else unknowable.
 */

import { isWithin, relativeTo, resolvePath } from '../paths';
import type { AnalyzeLimits } from './handlers/context';
import type { ArgWord, Facts, FileStatus, Invocation, SnippetLanguage, Via } from './types';

export class FileReads {
  private filesRead = 0;
  /** Written files by absolute path: which command wrote them, and their content when known. */
  private readonly writtenFiles = new Map<string, { writer: string; text: () => string | undefined; language?: SnippetLanguage }>();

  constructor(
    private readonly facts: Facts,
    private readonly limits: AnalyzeLimits,
    private readonly addOpaque: (text: string, via: readonly Via[], fetchedFrom?: string) => void,
  ) {}

  /** Content is computed only if something later reads the file: most written files are never run. */
  recordWrite(inv: Invocation, target: ArgWord | undefined, text: () => string | undefined, append = false, language?: SnippetLanguage): void {
    if (!target || target.dynamic || target.text === '' || target.text === '-' || target.text.startsWith('/dev/')) return;
    const path = resolvePath(inv.cwd, target.text, this.facts.home);
    const previous = this.writtenFiles.get(path);
    const content = append
      ? (): string | undefined => {
          const head = previous?.text();
          const tail = text();
          return head !== undefined && tail !== undefined ? head + tail : undefined;
        }
      : text;
    this.writtenFiles.set(path, { writer: inv.name, text: content, ...(language ? { language } : {}) });
  }

  /** Folders an earlier command fills with files nobody has read (`git clone URL dir`), by absolute path, with the writer. */
  private readonly writtenTrees = new Map<string, string>();
  /** Where a written tree came from (`git clone URL`): the address, for the unread code's target. */
  private readonly treeSources = new Map<string, string>();

  /** Whether an earlier command of the analysis wrote, moved or cloned anything. */
  hasWrites(): boolean {
    return this.writtenFiles.size > 0 || this.writtenTrees.size > 0;
  }

  recordWrittenTree(inv: Invocation, target: ArgWord, fetchedFrom?: string): void {
    if (target.dynamic || target.text === '' || this.writtenTrees.size >= 16) return;
    const folder = resolvePath(inv.cwd, target.text, this.facts.home);
    this.writtenTrees.set(folder, inv.name);
    if (fetchedFrom !== undefined) this.treeSources.set(folder, fetchedFrom);
  }

  /** A program an earlier command built from source (`cc x.c -o /tmp/x`): the language its text is, which is the source's. */
  builtFrom(absolutePath: string): SnippetLanguage | undefined {
    return this.writtenFiles.get(absolutePath)?.language;
  }

  /** Text of a file, or undefined when it does not exist. Oversized or unreadable files are opaque. */
  read(absolutePath: string, via: readonly Via[]): string | undefined {
    const written = this.writtenFiles.get(absolutePath);
    if (written) {
      // Forget it first: content that reads the file it is written to must not loop.
      this.writtenFiles.delete(absolutePath);
      const text = written.text();
      this.writtenFiles.set(absolutePath, { writer: written.writer, text: () => text, ...(written.language ? { language: written.language } : {}) });
      if (text === undefined) this.addOpaque(`${this.display(absolutePath)} is written by an earlier command (${written.writer}), so its content cannot be known`, via);
      return text;
    }
    for (const [folder, writer] of this.writtenTrees) {
      if (!isWithin(folder, absolutePath)) continue;
      this.addOpaque(`${this.display(absolutePath)} is in ${this.display(folder)}, which an earlier command fills (${writer}), so its content cannot be known`, via, this.treeSources.get(folder));
      return undefined;
    }
    if (absolutePath === '/dev/null') return '';
    if (this.filesRead >= this.limits.maxFilesRead) {
      this.addOpaque(`too many files to read (more than ${this.limits.maxFilesRead})`, via);
      return undefined;
    }
    let text: string | undefined;
    try {
      text = this.facts.readFile(absolutePath);
    } catch {
      this.addOpaque(`${this.display(absolutePath)} could not be read`, via);
      return undefined;
    }
    if (text === undefined) {
      // A name probed and not there (a runner's conventional files) spends only its metered look-up.
      this.explainUnread(absolutePath, via);
      return undefined;
    }
    this.filesRead++;
    if (text.length > this.limits.maxFileLength) {
      this.addOpaque(`${this.display(absolutePath)} is too large to analyse (${text.length} characters)`, via);
      return undefined;
    }
    return text;
  }

  /** A file that exists but whose text was not given (too large, unreadable) cannot be analysed. */
  private explainUnread(absolutePath: string, via: readonly Via[]): void {
    let status: FileStatus | undefined;
    try {
      status = this.facts.fileStatus?.(absolutePath);
    } catch {
      status = 'unreadable';
    }
    if (status === 'too-large') this.addOpaque(`${this.display(absolutePath)} is too large to analyse`, via);
    else if (status === 'unreadable') this.addOpaque(`${this.display(absolutePath)} could not be read`, via);
  }

  /** A path for people: workspace-relative when inside a workspace folder, else absolute. */
  display(absolutePath: string): string {
    for (const root of this.facts.workspaceRoots) {
      if (isWithin(root, absolutePath) && absolutePath !== root) return relativeTo(root, absolutePath);
    }
    return absolutePath;
  }
}
