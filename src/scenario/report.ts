import type { ScenarioOp } from './ops';
import { quotePath } from './quote';

/**
 * One entry of a tree as the report prints it: what `lstat` and `listxattr` say of a path.
 * Both runners fill this (the simulator from the model, the kernel runner from the disk),
 * and one formatter prints it, so the two reports can only differ where the facts differ.
 */
export interface ReportEntry {
  /** '/' for the root, else '/a/b'. */
  path: string;
  /**
   * ERR: readdir lists the name but lstat fails (`errno`). The kernel does this for a whiteout
   * inside a directory that only one layer provides: that directory is read as it is.
   */
  type: 'd' | 'f' | 'l' | 'c' | 'b' | 'p' | 's' | 'WHITEOUT' | 'ERR';
  errno?: string;
  mode: number;
  uid: number;
  gid: number;
  nlink?: number;
  size?: number;
  /** First 16 hex digits of the content's SHA-256. */
  sha256?: string;
  /** The upper file carries the metacopy xattr: its data is still in a lower layer. */
  metacopy?: boolean;
  target?: string;
  rdev?: [number, number];
  /** overlay xattrs (trusted.overlay.* / user.overlay.*), already rendered as text. */
  xattrs: [string, string][];
  /** Identity of the inode as `stat` reports it (st_dev:st_ino); paths sharing it are hard links. */
  inode?: string;
}

/** What an operation gave: OK, OK with what it found (readlink, stat, cat), or the errno. */
export type OpResult = 'OK' | { ok: string } | { errno: string };

export interface ReportInput {
  setup: { op: ScenarioOp; result: OpResult }[];
  ops: { op: ScenarioOp; result: OpResult }[];
  /** Absent when the mount failed. */
  merged?: ReportEntry[];
  /** Absent for a read-only mount (-r) or when the mount failed. */
  upper?: ReportEntry[];
  mountFailed?: string;
  /** Comment lines for the header (engine, kernel, options): not compared. */
  header?: string[];
}

/** Values of these xattrs are file handles or UUIDs: they differ on every run, so print `<set>`. */
const OPAQUE_VALUE_XATTRS = new Set(['origin', 'uuid', 'upper', 'fh', 'protattr']);

/** An overlay xattr the report prints, or undefined for any other attribute. */
export function reportXattr(name: string, value: Uint8Array): [string, string] | undefined {
  const m = /^(trusted|user)\.overlay\.(.+)$/.exec(name);
  if (!m) return undefined;
  if (OPAQUE_VALUE_XATTRS.has(m[2])) return [name, '<set>'];
  let end = value.length;
  while (end > 0 && value[end - 1] === 0) end--;
  return [name, new TextDecoder().decode(value.subarray(0, end))];
}

/** Bytewise order of paths, as the report sorts them (not locale order). */
export function compareBytewise(a: string, b: string): number {
  const ea = new TextEncoder().encode(a);
  const eb = new TextEncoder().encode(b);
  const n = Math.min(ea.length, eb.length);
  for (let i = 0; i < n; i++) if (ea[i] !== eb[i]) return ea[i] - eb[i];
  return ea.length - eb.length;
}

const oct = (mode: number) => (mode & 0o7777).toString(8).padStart(4, '0');

function fields(e: ReportEntry, side: 'merged' | 'upper', hl: Map<string, string>): string {
  const owner = `mode=${oct(e.mode)} uid=${e.uid} gid=${e.gid}`;
  let s: string;
  switch (e.type) {
    case 'd': s = `d ${owner}`; break;
    case 'f': {
      s = `f ${owner}`;
      if (side === 'merged') s += ` nlink=${e.nlink}`;
      s += ` size=${e.size}`;
      s += side === 'upper' && e.metacopy ? ' data=METACOPY' : ` sha256=${e.sha256}`;
      const first = side === 'merged' && e.inode !== undefined ? hl.get(e.inode) : undefined;
      if (first !== undefined) s += ` hl=${quotePath(first)}`;
      break;
    }
    case 'l': s = `l target=${e.target ? quotePath(e.target) : ''}`; break;
    case 'c': case 'b': s = `${e.type} rdev=${e.rdev![0]}:${e.rdev![1]} ${owner}`; break;
    case 'p': case 's': s = `${e.type} mode=${oct(e.mode)}`; break;
    case 'WHITEOUT': s = 'WHITEOUT'; break;
    case 'ERR': return `ERR ${e.errno}`;
  }
  const xattrs = [...e.xattrs].sort((a, b) => compareBytewise(a[0], b[0]));
  for (const [n, v] of xattrs) s += ` xattr:${n}=${v}`;
  return s;
}

/** For `hl=`: each inode shared by two or more listed paths -> the first such path, bytewise. */
function hardLinkHeads(entries: ReportEntry[]): Map<string, string> {
  const byInode = new Map<string, string[]>();
  for (const e of entries) {
    if (e.type !== 'f' || e.inode === undefined) continue;
    const list = byInode.get(e.inode) ?? [];
    list.push(e.path);
    byInode.set(e.inode, list);
  }
  const heads = new Map<string, string>();
  for (const [inode, paths] of byInode) {
    if (paths.length > 1) heads.set(inode, [...paths].sort(compareBytewise)[0]);
  }
  return heads;
}

/** The errno of a failed operation, or undefined when it worked. */
export const errnoOf = (r: OpResult): string | undefined => (typeof r === 'object' && 'errno' in r ? r.errno : undefined);

/** `OK`, `OK <what it found>` or `ERR <CODE>`, as the ops section writes it. */
export function resultText(r: OpResult): string {
  return r === 'OK' ? 'OK' : 'ok' in r ? `OK ${r.ok}` : `ERR ${r.errno}`;
}

/**
 * The canonical report (SCENARIOS.md), as text ending in a newline. Two runs agree when the
 * non-comment lines are identical.
 * @example formatReport({ setup: [], ops: [], merged: [], upper: [] }).startsWith('## setup') // true
 */
export function formatReport(r: ReportInput): string {
  const out: string[] = [...(r.header ?? []).map((h) => `# ${h}`)];
  out.push('## setup');
  for (const { op, result } of r.setup) out.push(`SETUP ${op.line} ${op.text} => ${resultText(result)}`);
  if (r.mountFailed !== undefined) {
    out.push(`# MOUNT FAILED: ${r.mountFailed}`);
    return out.join('\n') + '\n';
  }
  out.push('## ops');
  for (const { op, result } of r.ops) out.push(`OP ${op.line} ${op.text} => ${resultText(result)}`);
  const section = (title: string, tag: string, side: 'merged' | 'upper', entries: ReportEntry[]) => {
    out.push(`## ${title}`);
    const sorted = [...entries].sort((a, b) => compareBytewise(a.path, b.path));
    const hl = side === 'merged' ? hardLinkHeads(sorted) : new Map<string, string>();
    for (const e of sorted) out.push(`${tag} ${quotePath(e.path)} ${fields(e, side, hl)}`);
  };
  section('merged', 'M', 'merged', r.merged ?? []);
  if (r.upper) section('upper', 'U', 'upper', r.upper);
  return out.join('\n') + '\n';
}

/** The lines two reports are compared on: every line but comments. */
export function comparableLines(report: string): string[] {
  return report.split('\n').filter((l) => l !== '' && (!l.startsWith('#') || l.startsWith('## ')));
}
