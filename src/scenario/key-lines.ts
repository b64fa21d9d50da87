/* Pure: the lines of two canonical reports that a reader should look at first: each operation's
   result, and the upper entry of each path an operation names (whiteout, copy, opaque, redirect). */
import { comparableLines } from './report';

/** One line that matters, as each side wrote it. */
export interface KeyLine {
  /** The operation (`rm etc/passwd`) or the upper entry (`upper /etc/passwd`). */
  what: string;
  kernel?: string;
  engine?: string;
  agree: boolean;
}

const OP = /^OP (\d+ .*?) => (.*)$/;
const UPPER = /^U (\S+) ?(.*)$/;

/** Paths an operation line names: its words that are not flags, numbers, modes or quoted content. */
function namedPaths(op: string): string[] {
  const [, ...args] = op.replace(/^\d+ /, '').split(' ');
  return args.filter((a) => /^[\w.-]+(\/[\w.-]+)*$/.test(a) && !/^\d+$/.test(a) && !/^O_/.test(a));
}

/**
 * The operations' results and the upper entries of the paths they name, side by side.
 * @example keyLines(sim, kernel).map((l) => l.what) // ['rm etc/passwd', 'upper /etc/passwd']
 */
export function keyLines(engineReport: string, kernelReport?: string): KeyLine[] {
  const read = (report: string | undefined) => {
    const ops = new Map<string, string>();
    const upper = new Map<string, string>();
    for (const l of report ? comparableLines(report) : []) {
      const o = OP.exec(l);
      if (o) ops.set(o[1], o[2]);
      const u = UPPER.exec(l);
      if (u) upper.set(u[1], u[2]);
    }
    return { ops, upper };
  };
  const e = read(engineReport);
  const k = kernelReport === undefined ? undefined : read(kernelReport);
  const out: KeyLine[] = [];
  const paths: string[] = [];
  for (const op of new Set([...e.ops.keys(), ...(k?.ops.keys() ?? [])])) {
    const engine = e.ops.get(op);
    const kernel = k?.ops.get(op);
    out.push({ what: op.replace(/^\d+ /, ''), engine, kernel, agree: k === undefined || engine === kernel });
    for (const p of namedPaths(op)) if (!paths.includes(p)) paths.push(p);
  }
  for (const p of paths) {
    const key = `/${p}`;
    const engine = e.upper.get(key);
    const kernel = k?.upper.get(key);
    if (engine === undefined && kernel === undefined) continue;
    out.push({ what: `upper ${key}`, engine: engine && upperMarks(engine), kernel: kernel && upperMarks(kernel), agree: k === undefined || engine === kernel });
  }
  return out;
}

/**
 * An upper entry's line reduced to what OverlayFS marks on it: its type and its overlay xattrs
 * (the agreement is still decided on the whole line).
 * @example upperMarks('d mode=0755 uid=0 gid=0 xattr:trusted.overlay.opaque=y') // 'd opaque=y'
 */
export function upperMarks(rest: string): string {
  const [type, ...fields] = rest.split(' ');
  const marks = fields
    .filter((f) => /^xattr:(trusted|user)\.overlay\./.test(f))
    .map((f) => f.replace(/^xattr:(trusted|user)\.overlay\./, '').replace(/=<set>$/, ''))
    // uuid and impure are bookkeeping of the mount, not marks a reader looks for.
    .filter((f) => !/^(uuid|impure)(=|$)/.test(f));
  return [type, ...marks].join(' ');
}
