import type { Command, CliContext } from '../command';
import { parseArgs } from '../args';
import { accessWay, ENGINE_USAGE, hostEnv, HOST_ARGS, usageError } from '../docker-options';
import { connectEngine } from '../../docker/engine/dockerode-engine';
import { onInterrupt } from '../../docker/access/interrupts';
import type { WatchChange } from '../../docker/store/watch-cause';
import type { WatchState } from '../../docker/store/watch-state';
import { watchStore, type WatchUpdate } from '../../lab/watch';
import { watchSnapshots } from '../../lab/watch-snapshots';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { say } from '../../i18n/format';
import { causeText, changeLine, watchScreen, WATCH_T, type ShownChange } from '../../render/watch-text';
import { roleText } from '../../render/overlay2-text';
import { OverlayLabError } from '../../i18n/errors';
import { EXIT } from '../../docker/errors';

const USAGE = `overlay-lab watch [--json] [--access WAY] [--host URL | --context NAME | --containerd ROOT]
${ENGINE_USAGE}
  --containerd ROOT      follow containerd's own snapshots under its root (e.g. /var/lib/containerd), no Docker engine
  --json                 one JSON object per line: start, event, change (with latencyMs), state, lost, reconnected
  --access WAY           auto (default), direct, helper (read-only bind mount) or nsenter
Follows the engine's events and redraws the store as it changes; Ctrl-C quits.`;

/** Changes kept on screen: more than any terminal is tall. */
const KEEP = 200;

/** Milliseconds from the engine logging the event to now (the engine's clock: same machine when local). */
const latencyOf = (c: WatchChange, now: number) => (c.cause.at ? Math.max(0, now - c.cause.at) : undefined);

/** A stream of JSON lines, one per update; each change carries its event-to-screen latency. */
function jsonView(ctx: CliContext, first?: string) {
  const put = (v: unknown) => ctx.out(JSON.stringify(v) + '\n');
  return (u: WatchUpdate) => {
    if (u.type === 'changes') {
      for (const c of u.changes) {
        const now = Date.now();
        put({ type: 'change', ...c, owner: roleText(c.role, ctx.lang), because: causeText(c.cause, ctx.lang), latencyMs: latencyOf(c, now), shownAt: new Date(now).toISOString() });
      }
      if (u.changes.length || u.mountsChanged) put({ type: 'state', state: u.state });
    } else if (u.type === 'lost') put({ ...u, message: say(WATCH_T.lost, ctx.lang, { reason: u.reason }) });
    else if (u.type === 'reconnected') put({ ...u, message: say(WATCH_T.reconnected, ctx.lang, { s: (u.afterMs / 1000).toFixed(1) }) });
    else if (u.type === 'start') put({ type: 'start', state: u.state, note: u.accessNote ? say(u.accessNote, ctx.lang) : undefined, snapshots: first ?? (u.state.snapshots ? say(WATCH_T.snapshots, ctx.lang) : undefined) });
    else put(u);
  };
}

/** Lines for a log or a pipe: each change as it comes; `first`, when given, opens the log. */
function lineView(ctx: CliContext, first?: string) {
  return (u: WatchUpdate) => {
    if (u.type === 'start') {
      // The store followed comes first: snapshots, not overlay2 directories, when it is containerd's.
      const opening = first ?? (u.state.snapshots ? say(WATCH_T.snapshots, ctx.lang) : undefined);
      if (opening) ctx.out(opening + '\n');
      ctx.out(say(WATCH_T.started, ctx.lang, { time: u.state.takenAt }) + '\n');
    } else if (u.type === 'changes') for (const c of u.changes) ctx.out(changeLine(c, ctx.lang, latencyOf(c, Date.now())) + '\n');
    else if (u.type === 'lost') ctx.out(say(WATCH_T.lost, ctx.lang, { reason: u.reason }) + '\n');
    else if (u.type === 'reconnected') ctx.out(say(WATCH_T.reconnected, ctx.lang, { s: (u.afterMs / 1000).toFixed(1) }) + '\n');
    else if (u.type === 'warning') ctx.out(say(WATCH_T.warning, ctx.lang, { reason: u.reason }) + '\n');
  };
}

/** The full-screen view: the alternate screen, redrawn on each update and on resize. */
function screenView(ctx: CliContext) {
  const out = process.stdout;
  let state: WatchState | undefined;
  const recent: ShownChange[] = [];
  let status: string | undefined;
  const draw = () => {
    if (!state) return;
    const lines = watchScreen({ state, recent, status }, ctx.lang, out.columns || 80, out.rows || 24);
    ctx.out(`\x1b[H\x1b[2J${lines.join('\n')}`);
  };
  ctx.out('\x1b[?1049h\x1b[?25l');
  out.on('resize', draw);
  const view = (u: WatchUpdate) => {
    if (u.type === 'start') state = u.state;
    else if (u.type === 'changes') {
      state = u.state;
      const now = Date.now();
      for (const c of u.changes) recent.unshift({ change: c, latencyMs: latencyOf(c, now), shownAt: new Date(now).toISOString() });
      recent.splice(KEEP);
      if (!u.changes.length && !u.mountsChanged) return;
    } else if (u.type === 'lost') status = say(WATCH_T.lost, ctx.lang, { reason: u.reason });
    else if (u.type === 'reconnected') status = say(WATCH_T.reconnected, ctx.lang, { s: (u.afterMs / 1000).toFixed(1) });
    else if (u.type === 'warning') status = say(WATCH_T.warning, ctx.lang, { reason: u.reason });
    else return;
    draw();
  };
  const restore = () => {
    out.off('resize', draw);
    ctx.out('\x1b[?25h\x1b[?1049l');
  };
  return { view, restore };
}

/** --containerd ROOT: an existing directory, and not together with another engine flag. */
function containerdRoot(root: string | undefined, values: Record<string, string[] | undefined>): string | undefined {
  if (root === undefined) return undefined;
  if (values['--host'] || values['--context'])
    throw new OverlayLabError('EUSAGE', { en: '--containerd follows containerd itself: leave out --host and --context', 'pt-BR': '--containerd acompanha o próprio containerd: não use --host nem --context junto' }, {}, undefined, EXIT.usage);
  let dir = false;
  try {
    dir = statSync(root).isDirectory();
  } catch {
    // missing: said below
  }
  if (!dir)
    throw new OverlayLabError(
      'ENOCONTAINERD',
      { en: 'no containerd root at {root}.', 'pt-BR': 'não há raiz do containerd em {root}.' },
      { root: path.resolve(root) },
      { en: "Give containerd's --root (/var/lib/containerd by default; see root in its config.toml).", 'pt-BR': 'Indique o --root do containerd (/var/lib/containerd por padrão; veja root no config.toml dele).' },
      EXIT.noInput,
    );
  return path.resolve(root);
}

export const watchCommand: Command = {
  name: 'watch',
  summary: {
    en: 'follow the engine live: which directories appear and go, whose they are, which event made them',
    'pt-BR': 'acompanha o engine ao vivo: quais diretórios aparecem e somem, de quem são, qual evento os criou',
  },
  usage: USAGE,
  async run(argv, ctx) {
    const args = parseArgs(argv, { values: { '--access': 'one', '--host': 'one', '--context': 'one', '--containerd': 'one' }, booleans: ['--json', '--live'], aliases: HOST_ARGS.aliases });
    if (args.positional.length) throw usageError(USAGE);
    const access = accessWay(args);
    const root = containerdRoot(args.values['--containerd']?.[0], args.values);
    const stop = new AbortController();
    const first = root ? say(WATCH_T.containerd, ctx.lang, { root }) : undefined;
    const screen = !args.flags.has('--json') && ctx.isTTY ? screenView(ctx) : undefined;
    const onUpdate = args.flags.has('--json') ? jsonView(ctx, first) : screen ? screen.view : lineView(ctx, first);
    const watching = root ? watchSnapshots({ root, onUpdate, signal: stop.signal }) : watchStore({ engine: connectEngine(hostEnv(args, ctx)), access, onUpdate, signal: stop.signal });
    // Ctrl-C: stop following, let a store read in flight (and its helper) finish, give the terminal back.
    const unregister = onInterrupt(async () => {
      stop.abort();
      await watching.catch(() => undefined);
      screen?.restore();
    });
    try {
      await watching;
    } finally {
      unregister();
      if (!stop.signal.aborted) screen?.restore();
    }
    return 0;
  },
};
