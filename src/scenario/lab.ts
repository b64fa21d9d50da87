import type { OverlayEvent } from '../union/events';
import type { Inode } from '../union/inode';
import { Overlay } from '../union/overlay';
import { PlainFs } from '../union/plainfs';
import { executeOp } from './execute';
import { overlaySyscalls, plainSyscalls } from './model-syscalls';
import type { ScenarioOp } from './ops';
import { mountOptionString, optionStringFor } from './options';
import { parseScenario, ScenarioError } from './parse';
import type { OpResult } from './report';
import { SCENARIO_UMASK } from './syscalls';

/** One entry of a layer as views draw it, with the overlay's marks spelled out. */
export interface LayerEntry {
  path: string;
  type: Inode['type'];
  mode: number;
  size: number;
  target?: string;
  whiteout: boolean;
  /** 'y' opaque directory, 'x' directory holding xattr whiteouts. */
  opaque?: string;
  redirect?: string;
  metacopy: boolean;
  origin: boolean;
}

export interface LayerView {
  /** 'L0' (top lower) ... or 'upper'. */
  name: string;
  entries: LayerEntry[];
}

/** One merged entry and the layer that serves it. */
export interface MergedEntry {
  path: string;
  type: Inode['type'];
  mode: number;
  size: number;
  target?: string;
  from: 'upper' | `L${number}`;
  metacopy: boolean;
}

export interface StackView {
  lowers: LayerView[];
  upper?: LayerView;
  merged: MergedEntry[];
  options: string;
  readOnly: boolean;
}

export interface LabStep {
  op: ScenarioOp;
  result: OpResult;
  /** What the mount did on its own for this call. */
  events: OverlayEvent[];
}

export interface LabOptions {
  /** Setup lines (L<i>: / U:), e.g. a preset's text. */
  setup?: string;
  /** Extra mount options. */
  options?: string;
  readOnly?: boolean;
  /** At least this many lower layers. */
  lowers?: number;
}

/**
 * A union mount to play with: layers built from setup lines, then one merged operation at a
 * time, each answered with its result and the events it caused. What the CLI demo, the
 * notebooks and the playground drive.
 * @example
 * const lab = UnionLab.create({ setup: 'L0: write f hi' });
 * lab.run('append f !').events[0].kind // 'copy-up'
 */
export class UnionLab {
  private clock = 1_700_000_000;
  readonly steps: LabStep[] = [];

  private constructor(
    readonly overlay: Overlay,
    readonly lowerFs: PlainFs[],
    readonly upperFs: PlainFs | undefined,
    readonly options: string,
  ) {}

  /** Builds the layers and mounts; throws ScenarioError for bad setup text, returns the kernel's refusal otherwise. */
  static create(o: LabOptions = {}): UnionLab | { refused: string } {
    const scenario = parseScenario(o.setup ?? '');
    if (scenario.ops.length > 0) throw new ScenarioError(scenario.ops[0].line, { en: 'only setup lines (L<i>: or U:) belong here', 'pt-BR': 'aqui só cabem linhas de preparo (L<i>: ou U:)' });
    let clock = 1_700_000_000;
    const now = () => clock++;
    const n = Math.max(scenario.lowersNamed, o.lowers ?? 1, o.readOnly ? 2 : 1);
    const lowerFs = Array.from({ length: n }, () => PlainFs.empty(now, SCENARIO_UMASK));
    const upperFs = o.readOnly ? undefined : PlainFs.empty(now, SCENARIO_UMASK);
    const options = o.options ?? '';
    const prefix = /(^|,)userxattr(,|$)/.test(options) ? 'user.overlay.' : 'trusted.overlay.';
    for (const op of scenario.setup) {
      const fs = op.layer!.kind === 'upper' ? upperFs : lowerFs[(op.layer as { index: number }).index];
      if (fs) executeOp({ sys: plainSyscalls(fs), raw: true, xattrPrefix: prefix, now }, op);
    }
    const m = Overlay.mount({
      lowers: lowerFs.map((fs, i) => ({ name: `L${i}`, root: fs.root })),
      upper: upperFs?.root,
      options,
      optionString: mountOptionString(n, 0, !!o.readOnly, options),
      now,
      umask: SCENARIO_UMASK,
    });
    if ('refused' in m) return { refused: m.refused.reason };
    const lab = new UnionLab(m.ok, lowerFs, upperFs, options);
    lab.clock = clock;
    return lab;
  }

  /**
   * A writable mount over layers already built (a real image's, say), top first, with an empty
   * upper layer: the layers' trees are only read, every change lands in the upper layer.
   * @example UnionLab.overLayers([{ name: 'layer 2', root: top }, { name: 'layer 1', root: base }])
   */
  static overLayers(lowers: { name: string; root: Inode }[], o: { options?: string } = {}): UnionLab | { refused: string } {
    let clock = 1_700_000_000;
    const now = () => clock++;
    const upperFs = PlainFs.empty(now, SCENARIO_UMASK);
    const options = o.options ?? '';
    const m = Overlay.mount({ lowers, upper: upperFs.root, options, optionString: optionStringFor(lowers.map((l) => l.name), 0, { upper: 'upper', work: 'work' }, options), now, umask: SCENARIO_UMASK });
    if ('refused' in m) return { refused: m.refused.reason };
    const lab = new UnionLab(m.ok, lowers.map((l) => new PlainFs(l.root, now, SCENARIO_UMASK)), upperFs, options);
    lab.clock = clock;
    return lab;
  }

  /** Runs one merged operation line (e.g. "rm etc/motd"); bad text throws ScenarioError. */
  run(line: string): LabStep {
    const parsed = parseScenario(line);
    const op = parsed.ops[0] ?? parsed.setup[0];
    if (!op || op.layer) throw new ScenarioError(1, { en: 'write one operation on the merged view, e.g. "rm etc/motd"', 'pt-BR': 'escreva uma operação no merged, ex.: "rm etc/motd"' });
    const before = this.overlay.events.length;
    const prefix = this.overlay.prefix;
    const result = executeOp(
      { sys: overlaySyscalls(this.overlay), raw: false, xattrPrefix: prefix, now: () => this.clock++, runAs: (cred, o, t) => executeOp({ ...t, sys: overlaySyscalls(this.overlay, cred) }, o) },
      op,
    );
    const step = { op, result, events: this.overlay.events.slice(before) };
    this.steps.push(step);
    return step;
  }

  /** Every layer and the merged view, for drawing (`lowers: false`: the lower layers left out, for big images whose layers are drawn once). */
  view(o: { lowers?: boolean } = {}): StackView {
    const p = this.overlay.prefix;
    const layer = (name: string, root: Inode): LayerView => {
      const entries: LayerEntry[] = [];
      const visit = (node: Inode, path: string) => {
        for (const [n, child] of node.entries) {
          const cp = path ? `${path}/${n}` : n;
          entries.push({
            path: cp,
            type: child.type,
            mode: child.mode,
            size: child.size,
            target: child.type === 'l' ? child.target : undefined,
            whiteout: child.isWhiteoutDevice || (child.type === 'f' && child.xattrs.has(`${p}whiteout`)),
            opaque: child.type === 'd' ? child.xattrText(`${p}opaque`) : undefined,
            redirect: child.xattrText(`${p}redirect`),
            metacopy: child.xattrs.has(`${p}metacopy`),
            origin: child.xattrs.has(`${p}origin`),
          });
          if (child.type === 'd') visit(child, cp);
        }
      };
      visit(root, '');
      entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      return { name, entries };
    };
    const merged: MergedEntry[] = [];
    const walk = (dir: string) => {
      const names = this.overlay.readdir(dir);
      if ('errno' in names) return;
      for (const n of [...names].sort()) {
        const path = dir ? `${dir}/${n}` : n;
        const st = this.overlay.lstat(path);
        const where = this.overlay.whereIs(path);
        if ('errno' in st || 'errno' in where) continue;
        const t = st.type === 'l' ? this.overlay.readlink(path) : undefined;
        merged.push({
          path,
          type: st.type,
          mode: st.mode,
          size: st.size,
          target: typeof t === 'string' ? t : undefined,
          from: where.layer === 'upper' ? 'upper' : `L${where.layer}`,
          metacopy: where.metacopy,
        });
        if (st.type === 'd') walk(path);
      }
    };
    walk('');
    return {
      lowers: o.lowers === false ? [] : this.lowerFs.map((fs, i) => layer(`L${i}`, fs.root)),
      upper: this.upperFs ? layer('upper', this.upperFs.root) : undefined,
      merged,
      options: this.options,
      readOnly: !this.upperFs,
    };
  }
}
