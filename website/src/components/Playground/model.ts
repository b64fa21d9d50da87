/*
 * The playground's logic, apart from its views: the state a URL carries, the lab built from it,
 * and the scenario line each form action becomes. Every rule of the mount is the library's.
 */
import {
  errnoWords,
  OVL_MAX_STACK,
  narrate,
  narrateQuiet,
  UnionLab,
  type LabStep,
  type StackView,
  PRESETS,
  presetById,
  type Preset,
  ScenarioError,
  errnoOf,
  type OpName,
  opFields,
  scenarioLine,
  type Lang,
  mermaidLab,
  layerGrid,
  mermaidLayerGrid,
  labReportSections,
} from '../../../../src/browser';

export { PRESETS, type Preset };

/** The mount options the playground offers, as OverlayFS spells them. */
export const MOUNT_FLAGS = ['redirect_dir', 'metacopy', 'index'] as const;
export type MountFlag = (typeof MOUNT_FLAGS)[number];

/** Everything needed to rebuild a situation: what a shared URL carries. */
export interface PlaygroundState {
  preset: string;
  flags: Record<MountFlag, boolean>;
  readOnly: boolean;
  /** At least this many lower layers (0: as many as the preset names). */
  layers: number;
  /** Scenario lines run on the merged view, in order. */
  actions: string[];
}

/** Largest stack the URL may ask for: one past the kernel's limit, so the refusal can be shown. */
export const MAX_LAYERS_ASKED = OVL_MAX_STACK + 1;

const DEFAULT_PRESET = 'ubuntu';

/** The flags a preset is meant for ("index=on" -> index). */
export function presetFlags(p: Preset | undefined): Record<MountFlag, boolean> {
  const opts = p?.options ?? '';
  const on = (f: MountFlag) => new RegExp(`(^|,)${f}=on(,|$)`).test(opts);
  return { redirect_dir: on('redirect_dir'), metacopy: on('metacopy'), index: on('index') };
}

/** A fresh state for a preset, with the options it is meant for. */
export function stateForPreset(id: string): PlaygroundState {
  const p = presetById(id) ?? presetById(DEFAULT_PRESET)!;
  return { preset: p.id, flags: presetFlags(p), readOnly: false, layers: 0, actions: [] };
}

/**
 * The query string of a state: `preset=ubuntu&o=metacopy,index&ro=1&layers=128&a=rm etc/motd&a=...`.
 * `o` is always written, so a shared link keeps the options even if the preset's defaults change.
 */
export function encodeState(s: PlaygroundState): string {
  const q = new URLSearchParams();
  q.set('preset', s.preset);
  q.set('o', MOUNT_FLAGS.filter((f) => s.flags[f]).join(','));
  if (s.readOnly) q.set('ro', '1');
  if (s.layers > 0) q.set('layers', String(s.layers));
  for (const a of s.actions) q.append('a', a);
  return q.toString();
}

/** Reads a query string back; anything unknown falls back to the default, never throws. */
export function decodeState(search: string): PlaygroundState {
  const q = new URLSearchParams(search);
  const base = stateForPreset(q.get('preset') ?? DEFAULT_PRESET);
  const o = q.get('o');
  if (o !== null) {
    const asked = new Set(o.split(',').map((x) => x.trim()));
    for (const f of MOUNT_FLAGS) base.flags[f] = asked.has(f);
  }
  base.readOnly = q.get('ro') === '1';
  const layers = Number.parseInt(q.get('layers') ?? '0', 10);
  base.layers = Number.isFinite(layers) ? Math.min(Math.max(layers, 0), MAX_LAYERS_ASKED) : 0;
  base.actions = q.getAll('a').filter((a) => a.trim() !== '');
  return base;
}

/** The `-o` option string of a state, e.g. "redirect_dir=on,index=on". */
export function optionString(s: PlaygroundState): string {
  return MOUNT_FLAGS.filter((f) => s.flags[f]).map((f) => `${f}=on`).join(',');
}

/** One step as the trace shows it. */
export interface TraceStep {
  line: string;
  ok: boolean;
  /** "ENOENT: no such file or directory" in the page's language. */
  error?: string;
  events: string[];
  /** A change served with no event of its own: what that means (it touched the upper layer only). */
  quiet?: string;
}

/** An action a shared address carried that did not parse: left out, with the parser's reason. */
export interface DroppedAction {
  line: string;
  reason: string;
}

/** What the views draw after each change. */
export interface Snapshot {
  /** The mount refused the options (the kernel's reason), or the setup did not parse. */
  refused?: string;
  view?: StackView;
  trace: TraceStep[];
  diagram?: string;
  /** Layers as rows, paths as columns (Mermaid), the last action's cells marked. */
  grid?: string;
  /** The last action did not parse: the message, in the page's language. */
  inputError?: string;
  /** Actions of the address that were left out, and why. */
  dropped: DroppedAction[];
}

/** "ENOENT: no such file or directory", in the page's language. */
export function errnoText(code: string, lang: Lang): string {
  const words = errnoWords(code, lang);
  return words ? `${code}: ${words}` : code;
}

/** One step of a lab as the trace shows it (the built-in stacks and an opened archive alike). */
export function traceOf(step: LabStep, lang: Lang): TraceStep {
  const r = step.result;
  const code = errnoOf(r);
  return {
    line: step.op.text,
    ok: code === undefined,
    error: code === undefined ? undefined : errnoText(code, lang),
    events: step.events.map((e) => narrate(e, lang)),
    quiet: r === 'OK' && step.events.length === 0 ? narrateQuiet(step.op, lang) : undefined,
  };
}

/** The engine behind the page: a lab built from a state, then one action at a time. */
export class PlaygroundSession {
  /** Lower layers never change under a mount: drawn once per session, so a deep stack costs one render. */
  private lowers: StackView['lowers'] | undefined;
  /** The view before the last action that ran: what the grid compares with to mark its change. */
  private before: StackView | undefined;

  private constructor(
    readonly state: PlaygroundState,
    private readonly lab: UnionLab | undefined,
    private readonly refused: string | undefined,
    private readonly dropped: DroppedAction[],
  ) {}

  /** Mounts the preset with the state's options and replays its actions. */
  static open(state: PlaygroundState, lang: Lang): PlaygroundSession {
    const preset = presetById(state.preset) ?? presetById(DEFAULT_PRESET)!;
    let made: ReturnType<typeof UnionLab.create>;
    try {
      made = UnionLab.create({ setup: preset.text, options: optionString(state), readOnly: state.readOnly, lowers: Math.max(state.layers, preset.lowers ?? 0) });
    } catch (e) {
      return new PlaygroundSession(state, undefined, e instanceof ScenarioError ? e.render(lang) : String(e), []);
    }
    if ('refused' in made) return new PlaygroundSession({ ...state }, undefined, made.refused, []);
    const session = new PlaygroundSession({ ...state, actions: [] }, made, undefined, []);
    // Only the last action's change is marked: the view before it is the only one kept.
    state.actions.forEach((a, i) => session.run(a, lang, true, i === state.actions.length - 1));
    return session;
  }

  /**
   * Runs one scenario line on the merged view; a line that does not parse is kept out of the
   * state (and, when it came from the address, listed with its reason: nothing is dropped silently).
   */
  run(line: string, lang: Lang, fromAddress = false, last = true): { inputError?: string } {
    if (!this.lab) return {};
    const before = last ? this.lab.view() : undefined;
    try {
      this.lab.run(line);
      this.before = before;
    } catch (e) {
      const msg = e instanceof ScenarioError ? e.render(lang) : String(e);
      if (fromAddress) this.dropped.push({ line, reason: msg });
      return { inputError: msg };
    }
    this.state.actions.push(line.trim());
    return {};
  }

  /** Everything the views draw, computed once per change. */
  snapshot(lang: Lang): Snapshot {
    if (!this.lab) return { refused: this.refused, trace: [], dropped: [] };
    const fresh = this.lab.view();
    this.lowers ??= fresh.lowers;
    const view = { ...fresh, lowers: this.lowers };
    return {
      view,
      trace: this.lab.steps.map((s) => traceOf(s, lang)),
      diagram: mermaidLab(view, lang),
      grid: mermaidLayerGrid(layerGrid(fresh, this.before), lang),
      dropped: [...this.dropped],
    };
  }

  /** `## merged` and `## upper` of the canonical report (hashes every file: computed only when shown). */
  report(): string | undefined {
    return this.lab ? labReportSections(this.lab) : undefined;
  }
}

/** The actions the form offers, each one system call on the merged view. */
export const ACTIONS = ['write', 'append', 'rm', 'mkdir', 'rmdir', 'rename', 'chmod', 'ln'] as const satisfies readonly OpName[];
export type ActionKind = (typeof ACTIONS)[number];

/** The form's boxes: the fields the scenario language gives each operation (src/scenario/ops.ts), optional ones left out. */
export type ActionField = 'path' | 'content' | 'to' | 'mode';

/** Which fields each action needs, in the order its line writes them. */
export const ACTION_FIELDS: Record<ActionKind, readonly ActionField[]> = Object.fromEntries(
  ACTIONS.map((a) => [a, opFields(a).filter((f) => !f.optional).map((f) => f.name as ActionField)]),
) as unknown as Record<ActionKind, readonly ActionField[]>;

/**
 * The scenario line for a form action, e.g. ('rename', {path:'a', to:'b'}) -> "rename a b";
 * a path with a space is quoted ('write', {path:'meu arquivo.txt', content:'oi'}) -> 'write "meu arquivo.txt" oi'.
 */
export function actionLine(kind: ActionKind, f: Partial<Record<ActionField, string>>): string {
  // Only the boxes this action shows: the form keeps one state for all of them (a chmod mode must not reach mkdir).
  const fields: Partial<Record<ActionField, string>> = {};
  for (const name of ACTION_FIELDS[kind]) fields[name] = name === 'path' || name === 'to' ? (f[name] ?? '').trim() : f[name];
  return scenarioLine(kind, fields);
}
