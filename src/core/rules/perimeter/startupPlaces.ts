/**
 * Shell start-up files beyond the few every shell reads: what the start-up files of bash, zsh, ksh,
 * fish, tmux, ssh and the login session read in turn, and what installers add `source` lines for
 * (`~/.cargo/env`, `~/.nvm/nvm.sh` ...). A line written into any of them runs in every new shell
 * and so reaches the environment of what the user starts next, the editor and its hook among them.
 * Paths are relative to the home folder, lower-cased.
 */

/** Files and folders (with everything below) read at start-up, relative to the home folder. */
const HOME_STARTUP_EXTRA = new RegExp(
  '^(?:' +
    [
      // bash, sh, ksh, csh and friends
      String.raw`\.bash_aliases|\.bash_functions|\.bash_env|\.bash_exports|\.bash_prompt|\.aliases|\.functions|\.exports|\.shrc|\.kshrc|\.mkshrc|\.yashrc|\.tcshrc|\.cshrc|\.login|\.logout|\.inputrc|\.envrc|\.environment`,
      // folders of snippets a start-up file sources in a loop
      String.raw`\.(?:bashrc|bash_profile|profile|zshrc|zshenv|shrc)\.d(?:/.*)?`,
      String.raw`\.config/(?:bash|zsh|sh|shell|ksh|nushell|xonsh|powershell|tmux|direnv)(?:/.*)?|\.zsh(?:/.*)?|\.oh-my-zsh(?:/.*)?|\.zprezto(?:/.*)?|\.zimrc|\.zim(?:/.*)?|\.xonshrc|\.zsh_plugins\.(?:txt|sh)|\.antigen(?:/.*)?|\.zinit(?:/.*)?|\.local/share/zinit(?:/.*)?`,
      // session and terminal start-up
      String.raw`\.tmux\.conf|\.screenrc|\.ssh/(?:environment|rc)|\.xinitrc|\.xsession|\.xsessionrc|\.xprofile|\.config/plasma-workspace/env(?:/.*)?|\.config/autostart-scripts(?:/.*)?`,
      // files installers tell start-up files to source
      String.raw`\.local/bin/env(?:\.fish)?|\.cargo/env(?:\.fish)?|\.nvm/nvm\.sh|\.nvm/bash_completion|\.sdkman/bin/sdkman-init\.sh|\.asdf/asdf\.(?:sh|fish)|\.ghcup/env|\.rye/env|\.deno/env|\.bun/_bun|\.fzf\.(?:bash|zsh)|\.iterm2_shell_integration\.(?:bash|zsh|fish)|\.p10k\.zsh|\.rvm/scripts/rvm|\.acme\.sh/acme\.sh\.env|\.opam/opam-init(?:/.*)?|\.nix-profile/etc/profile\.d(?:/.*)?|\.dotnet/env|\.elan/env|\.wasmtime/env`,
    ].join('|') +
    ')$',
);

/**
 * Files a program reads when it starts and runs code from (a shell escape, a command it runs, an alias
 * to a shell line, a completion script), and places the session or the service manager starts
 * programs from: what is written there runs the next time the user does something ordinary.
 */
const HOME_PROGRAM_STARTUP = new RegExp(
  '^(?:' +
    [
      // database shells, editors, debuggers, pagers, REPLs
      String.raw`\.psqlrc(?:-[\w.]+)?|\.sqliterc|\.my\.cnf|\.mysql/.*|\.vimrc|\.gvimrc|\.exrc|\.vim/(?:plugin|autoload|ftplugin|after)(?:/.*)?|\.config/nvim(?:/.*)?|\.emacs|\.emacs\.el|\.emacs\.d/(?:early-)?init\.el|\.config/emacs(?:/.*)?`,
      String.raw`\.gdbinit|\.config/gdb(?:/.*)?|\.lldbinit|\.lesskey|\.config/lesskey|\.irbrc|\.pryrc|\.pythonrc(?:\.py)?|\.ipython/profile_[^/]+/(?:startup/.*|ipython_config\.py)|\.jupyter/jupyter_\w+_config\.py|\.rprofile|\.julia/config/startup\.jl|\.ghci`,
      // round 9: more REPLs and debuggers that run their start-up file's code (names are compared lower-cased)
      String.raw`\.renviron|\.mongoshrc\.js|\.mongorc\.js|\.pdbrc|\.perldb|\.config/irb/irbrc|\.config/pry/pryrc|\.rdbgrc|\.byebugrc|\.iex\.exs|\.erlang|\.ocamlinit|\.octaverc|\.ptpython/config\.py|\.config/ptpython/config\.py`,
      // clients whose settings run programs, rewrite where they fetch from, or add aliases to shell lines
      String.raw`\.curlrc|\.config/curlrc|\.wgetrc|\.config/wgetrc|\.config/gh/config\.yml|\.config/glab-cli/config\.yml`,
      // completion scripts bash loads, and what the session or the service manager starts
      String.raw`\.bash_completion|\.bash_completion\.d(?:/.*)?|\.local/share/bash-completion(?:/.*)?|\.config/autostart(?:/.*)?|\.config/systemd/user(?:/.*)?|\.local/share/systemd/user(?:/.*)?|library/launchagents(?:/.*)?|\.config/upstart(?:/.*)?`,
    ].join('|') +
    ')$',
);

/** The label of a start-up file in the home folder that the core rules do not already know, or undefined. */
export function extraStartupLabel(relativeToHome: string): string | undefined {
  const rel = relativeToHome.toLowerCase();
  if (HOME_PROGRAM_STARTUP.test(rel)) return `a file a program reads when it starts and runs code from (~/${relativeToHome})`;
  return HOME_STARTUP_EXTRA.test(rel) ? `a file shells read at start-up (~/${relativeToHome})` : undefined;
}

/** Runtime configuration that can make every `node`/`npm` run load code (`node-options=` in an `.npmrc`). */
export const NPMRC = /(^|\/)\.npmrc$/i;

/** Keys of an `.npmrc` (and environment spellings) that load code into every run. */
export const NPMRC_CODE_KEYS = /(^|[\s;+])(node[-_]options|script[-_]shell|onload[-_]script|init[-_]module|node[-_]gyp|shell)\s*=/im;

/**
 * Needles for text (interpreter code, arguments) naming one of the places above: the ones specific
 * enough that naming them in code means them.
 */
export const STARTUP_NEEDLES = new RegExp(
  String.raw`(?<![a-z0-9_])\.(?:bash_aliases|bash_functions|kshrc|mkshrc|shrc|inputrc|tmux\.conf|oh-my-zsh|zprezto|p10k\.zsh|fzf\.bash|fzf\.zsh)(?![a-z0-9_-])` +
    String.raw`|\.(?:bashrc|zshrc|profile)\.d(?![a-z0-9_-])|\.cargo/env|\.nvm/nvm\.sh|\.ssh/(?:environment|rc)(?![a-z0-9_-])|\.local/bin/env(?![a-z0-9_-])|\.config/(?:zsh|bash|tmux|plasma-workspace/env)(?![a-z0-9_-])`,
);
