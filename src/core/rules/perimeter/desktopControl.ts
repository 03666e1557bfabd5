import type { Invocation } from '../../policy/types';
import { freeFormReadings, optionValue } from '../../registry/freeForm';
import { gatedCheck } from '../../policy/checkGates';

/**
 * Driving the desktop by other roads (stop 37, red team round 27), beside the typing families of
 * inputInjection.ts: the confirm dialog is answered by a human at this machine's keyboard and screen, so
 * anything that lets an agent see and click the live desktop, run code inside the compositor, remap the
 * human's next key into an answer, or feed a program's output into a terminal as typed input is denied.
 *
 * - Remote-desktop servers: one that shares the display the human sits at (x11vnc, x0vncserver, wayvnc,
 *   krfb, vino, gnome-remote-desktop, xrdp, `xpra shadow`), started directly, as a service or switched on
 *   in the desktop's settings; a server of a new virtual session only when it is told to take no password
 *   (`vncserver -SecurityTypes None`). A viewer (a client) and a new session with a password stay allowed.
 * - Key remaps and text expanders run now: `xmodmap -e`/a file, `xkbcomp` into a display, `setxkbmap`
 *   given key symbols or options, `loadkeys`, `hidutil property --set`, and the remapping daemons (keyd,
 *   kanata, kmonad, xremap, input-remapper) started on a configuration. Printing the map stays allowed.
 * - screen's `exec` with a descriptor pattern that joins the command to the window's program (`!`, `:`):
 *   its output is typed into whatever reads in that window.
 * - Round 29: a VNC client that types or clicks into a server (`vncdo -s localhost:0 key enter`, vncdotool's other
 *   verbs, a command file it replays); a screen capture over VNC only reads the screen, and stays allowed as
 *   `scrot` and `import -window root` are.
 */

/** Servers that export the live display (or a login to it) to whoever connects. */
const SHARED_DISPLAY: ReadonlySet<string> = new Set(['x11vnc', 'x0vncserver', 'w0vncserver', 'x0tigervncserver', 'wayvnc', 'krfb', 'krfb-virtualmonitor', 'vino-server', 'gnome-remote-desktop-daemon', 'xrdp', 'xrdp-sesman', 'rustdesk', 'anydesk', 'teamviewer', 'sunshine', 'weylus']);
/** Servers of a new virtual session: denied only without authentication. */
const NEW_SESSION: ReadonlySet<string> = new Set(['vncserver', 'tigervncserver', 'tightvncserver', 'Xvnc', 'Xtigervnc', 'Xtightvnc', 'vnc4server', 'turbovncserver']);
/** Options that take authentication away. */
const NO_AUTH = /^-{1,2}(nopw|I-KNOW-THIS-IS-INSECURE|disable-?auth|no-?auth)$/i;
const NONE_SECURITY = /^-{1,2}securitytypes$/i;
/** Options that only print. */
const INFO_ONLY = /^-{1,2}(h|help|\?|version|V|usage)$/;
/** Service units of those servers (`systemctl --user start gnome-remote-desktop`). */
const SERVER_UNITS = /^(x11vnc|x0vncserver|wayvnc|krfb|vino-server|gnome-remote-desktop(-headless)?|xrdp(-sesman)?|rustdesk|anydesk|teamviewerd|sunshine)(@[^.]*)?(\.service)?$/;
/** Desktop settings that switch the built-in remote desktop on or its password off. */
const REMOTE_SETTING = /^\/?org[./]gnome[./](desktop[./]remote-desktop|vino|Vino)\b/i;

/** Programs that remap keys or expand text from a configuration they are given. */
const REMAP_DAEMONS: ReadonlySet<string> = new Set(['keyd', 'kanata', 'kmonad', 'xremap', 'input-remapper-control', 'evremap', 'espanso', 'autokey-gtk', 'autokey-qt', 'xbindkeys', 'sxhkd', 'xcape']);
/** Their verbs that change nothing. */
const REMAP_INFO = /^(status|check|list|monitor|log|path|--?version|--?help|-h|-V)$/;

export interface DesktopControl {
  /** For people: what the command does. */
  what: string;
  /** What the dialog names. */
  target: string;
}

const texts = (inv: Invocation): string[] => inv.args.map((a) => a.text);

function remoteDesktop(inv: Invocation): DesktopControl | undefined {
  const reading = freeFormReadings(inv.args);
  const options = reading.usual.options.map((o) => o.name);
  if (options.some((o) => INFO_ONLY.test(o))) return undefined;
  if (SHARED_DISPLAY.has(inv.name)) return { what: `${inv.name} serves this machine's desktop to whoever connects, who can then see and click Blast Shield's dialog`, target: inv.name };
  if (inv.name === 'xpra' && reading.usual.operands[0]?.text === 'shadow') return { what: 'xpra shadow serves the live display to whoever connects, who can then see and click Blast Shield\'s dialog', target: 'xpra shadow' };
  if (NEW_SESSION.has(inv.name)) {
    const none = reading.valued.options.some((o) => NONE_SECURITY.test(o.name) && /(^|,)none(,|$)/i.test(optionValue(o) ?? ''));
    if (none || options.some((o) => NO_AUTH.test(o)) || texts(inv).some((t) => /^securitytypes=none$/i.test(t))) {
      return { what: `${inv.name} starts a desktop server that asks no password, so anything on the network (the agent included) can drive it`, target: inv.name };
    }
  }
  if (inv.name === 'grdctl' && texts(inv).some((t) => t === 'enable' || t === 'set-credentials' || t === 'disable-view-only')) {
    return { what: 'grdctl switches GNOME\'s remote desktop on (or gives it credentials, or lets it click), so whoever connects can drive this desktop', target: 'grdctl' };
  }
  if ((inv.name === 'systemctl' || inv.name === 'service') && texts(inv).some((t) => /^(start|restart|enable|reload-or-restart|try-restart)$/.test(t)) && reading.usual.operands.some((o) => SERVER_UNITS.test(o.text))) {
    return { what: `${inv.name} starts a remote-desktop server, so whoever connects can drive this desktop`, target: reading.usual.operands.find((o) => SERVER_UNITS.test(o.text))!.text };
  }
  const settings = (inv.name === 'gsettings' || inv.name === 'dconf') && texts(inv).some((t) => t === 'set' || t === 'write' || t === 'load' || t === 'reset');
  if (settings && reading.usual.operands.some((o) => REMOTE_SETTING.test(o.text))) return { what: `${inv.name} changes the desktop's remote-desktop settings (switching it on, or its password off)`, target: inv.name };
  return undefined;
}

function keyRemap(inv: Invocation): DesktopControl | undefined {
  const reading = freeFormReadings(inv.args);
  const options = reading.usual.options.map((o) => o.name);
  if (options.some((o) => INFO_ONLY.test(o))) return undefined;
  const remaps = { what: `${inv.name} remaps keys, so the human's next keystroke can type an answer into Blast Shield's dialog`, target: inv.name };
  if (inv.name === 'xmodmap') return options.includes('-e') || reading.usual.operands.length > 0 ? remaps : undefined;
  // `xkbcomp keymap.xkb $DISPLAY` loads a keymap into the display; `xkbcomp :0 out.xkb` only dumps it.
  if (inv.name === 'xkbcomp') return reading.usual.operands.length >= 2 && /^(\$\{?DISPLAY\}?|[\w.-]*:\d+(\.\d+)?)$/.test(reading.usual.operands.at(-1)!.text) ? remaps : undefined;
  if (inv.name === 'setxkbmap') return options.some((o) => /^-(option|symbols|keycodes|types|compat|keymap|I|rules|geometry)$/.test(o)) ? remaps : undefined;
  if (inv.name === 'loadkeys') return reading.usual.operands.length > 0 && !options.includes('-d') && !options.includes('--default') ? remaps : undefined;
  if (inv.name === 'hidutil') return texts(inv).includes('property') && options.includes('--set') ? remaps : undefined;
  if (REMAP_DAEMONS.has(inv.name)) {
    const verb = reading.usual.operands[0]?.text;
    if (verb !== undefined && REMAP_INFO.test(verb)) return undefined;
    return { what: `${inv.name} remaps keys or expands typed text by its configuration, so the human's next keystroke can type an answer into Blast Shield's dialog`, target: inv.name };
  }
  return undefined;
}

/** screen `-X exec` (also after `;`, `at WINDOW`, in `eval`) whose descriptor pattern joins the command to the window's program. */
function screenExecTyping(inv: Invocation): DesktopControl | undefined {
  if (inv.name !== 'screen') return undefined;
  const words = texts(inv).flatMap((w) => (/\s/.test(w) ? w.split(/\s+/) : [w]));
  for (let i = 0; i + 1 < words.length; i++) {
    if (words[i] !== 'exec') continue;
    const pattern = words[i + 1]!.replace(/^["']|["']$/g, '');
    if (/^[.!:|]{1,4}$/.test(pattern) && /[!:]/.test(pattern)) {
      return { what: `screen exec ${pattern} joins the command to the program in the window, so what it prints is typed into that program (where an agent host may be asking the human)`, target: 'screen exec' };
    }
  }
  return undefined;
}

/** vncdotool's programs and the verbs that type, click or move the pointer; the verbs that only look or wait. */
const VNC_CLIENTS: ReadonlySet<string> = new Set(['vncdo', 'vncdotool']);
const VNC_INPUT = /^(key|keyup|keydown|type|typefile|click|move|mousemove|mousedown|mouseup|mdown|mup|mmove|drag|paste)$/i;
const VNC_LOOKS = /^(capture|rcapture|expect|rexpect|pause|sleep)$/i;

/** vncdo given input verbs, or a command file or stdin it replays (its verbs the hook cannot see): the answer typed into a live display. */
function vncInput(inv: Invocation): DesktopControl | undefined {
  if (!VNC_CLIENTS.has(inv.name)) return undefined;
  const reading = freeFormReadings(inv.args);
  if (reading.usual.options.some((o) => INFO_ONLY.test(o.name))) return undefined;
  const words = reading.valued.operands.map((o) => o.text);
  const typed = words.find((w) => VNC_INPUT.test(w));
  if (typed !== undefined) return { what: `${inv.name} sends ${typed} to a VNC display as if from its keyboard or mouse, so it can answer Blast Shield's dialog in place of the human`, target: inv.name };
  if (words.some((w) => VNC_LOOKS.test(w))) return undefined;
  return { what: `${inv.name} replays VNC input (keys, clicks) from commands the hook cannot read, so it can answer Blast Shield's dialog in place of the human`, target: inv.name };
}

/**
 * Every name the four judges above can answer for (each starts by its name): the gate that keeps the
 * free-form readings they take first away from every other command (policy/checkGates.ts).
 */
const DESKTOP_NAMES: readonly string[] = [
  ...SHARED_DISPLAY, ...NEW_SESSION, 'xpra', 'grdctl', 'systemctl', 'service', 'gsettings', 'dconf',
  'xmodmap', 'xkbcomp', 'setxkbmap', 'loadkeys', 'hidutil', ...REMAP_DAEMONS,
  'screen', ...VNC_CLIENTS,
];

/** A command that hands the desktop, the keyboard or a terminal's input to the agent, or undefined. */
export const desktopControl = gatedCheck('desktop-control', { names: DESKTOP_NAMES }, undefined, (inv: Invocation): DesktopControl | undefined => {
  if (inv.remote) return undefined;
  return remoteDesktop(inv) ?? keyRemap(inv) ?? screenExecTyping(inv) ?? vncInput(inv);
});

/**
 * Round 29: D-Bus methods (and forged signals) that press a button for the human: a notification's action
 * (`org.freedesktop.Notifications.InvokeAction`, the `ActionInvoked` signal), an application's action
 * (`org.freedesktop.Application.ActivateAction`, `org.gtk.Actions.Activate`), an accessibility action
 * (`org.a11y.atspi.Action.DoAction`: a button clicked by the screen reader's road), a tray item's activation,
 * and the remote-desktop portal's pointer. Reading (`introspect`, `GetCapabilities`) and `Notify` stay allowed.
 */
const ANSWERING_METHODS = /(^|[./\s])(InvokeAction|ActivateAction|ActionInvoked|DoAction|NotifyPointerButton|NotifyPointerMotion(?:Absolute)?|NotifyPointerAxis(?:Discrete)?|NotifyTouchDown|SecondaryActivate)(\s|$|\()/;
/** A consent dialog's reply: the portal request's `Response`, a polkit agent's `AuthenticationAgentResponse`. */
const CONSENT_REPLY = /(^|\s)org\.freedesktop\.(?:impl\.)?portal\.Request(?:\.Response|\s+Response)(\s|$)|(^|[./\s])AuthenticationAgentResponse2?(\s|$|\()/;
const ACTIVATING_INTERFACES = /(^|[\s])(?:org\.gtk\.Actions|org\.kde\.StatusNotifierItem|org\.freedesktop\.Application)(?:\.Activate)?(\s|$)/;
export function dbusAnswer(texts: readonly string[]): string | undefined {
  for (const t of texts) {
    const m = ANSWERING_METHODS.exec(t);
    if (m) return m[2];
  }
  // `busctl call … org.gtk.Actions Activate …`, `gdbus call … --method org.gtk.Actions.Activate`: an action activated by name.
  const joined = texts.join(' ');
  // Stop 39 (round 32): a portal request's `Response` (the human's answer to a screenshot, screencast or remote-desktop consent dialog) sent
  // by hand, split (`busctl … org.freedesktop.portal.Request Response`) or joined (`--method org.freedesktop.portal.Request.Response`).
  if (CONSENT_REPLY.test(joined)) return 'Response';
  if (ACTIVATING_INTERFACES.test(joined) && /(^|[.\s])Activate(\s|$)/.test(joined)) return 'Activate';
  return undefined;
}

/** D-Bus methods that run code inside the desktop shell or window manager (GNOME Shell's Eval, KWin and Plasma scripts). */
const SHELL_CODE_METHODS = /(^|[./\s])(Eval|evaluateScript|loadScript|loadDeclarativeScript|EvalJS)(\s|$|\()/;
export function dbusShellCode(texts: readonly string[]): string | undefined {
  for (const t of texts) {
    const m = SHELL_CODE_METHODS.exec(t);
    if (m) return m[2];
  }
  return undefined;
}
