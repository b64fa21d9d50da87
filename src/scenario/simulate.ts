import { makeInode, type Inode } from '../union/inode';
import { Overlay } from '../union/overlay';
import { PlainFs } from '../union/plainfs';
import { sha256Hex } from '../union/sha256';
import { executeOp, type ExecTarget } from './execute';
import { overlaySyscalls, plainSyscalls } from './model-syscalls';
import type { Scenario } from './ops';
import { checkRunInput, lowerCount, mountOptionString, type RunOptions } from './options';
import { reportXattr, type OpResult, type ReportEntry, type ReportInput } from './report';
import { SCENARIO_UMASK } from './syscalls';

/** Layer trees loaded from `-l`, `-d` and `-u` directories (by an adapter at the edge). */
export interface LoadedLayers {
  lowers: Inode[];
  dataOnly: Inode[];
  upper?: Inode;
}

const newRoot = (now: number) => makeInode('d', 0o755, 0, 0, now);
const hash16 = (data: Uint8Array) => sha256Hex(data).slice(0, 16);

/**
 * Runs a scenario on the union engine and reports it in the canonical format, as the kernel
 * runner does on a real mount. Pure: the layers come loaded.
 * @example runSimulation(parseScenario('L0: write f hi\nrm f'), { lowers: [], dataOnly: [], readOnly: false, options: '' }, { lowers: [], dataOnly: [] })
 */
export function runSimulation(scenario: Scenario, opts: RunOptions, loaded: LoadedLayers): { report: ReportInput; exit: number; overlay?: Overlay } {
  checkRunInput(scenario, opts);
  let clock = 1_700_000_000;
  const now = () => clock++;
  const n = lowerCount(scenario, opts);
  const lowerFs = Array.from({ length: n }, (_, i) => new PlainFs(loaded.lowers[i] ?? newRoot(now()), now, SCENARIO_UMASK));
  const dataFs = opts.dataOnly.map((_, i) => new PlainFs(loaded.dataOnly[i] ?? newRoot(now()), now, SCENARIO_UMASK));
  const upperFs = opts.readOnly ? undefined : new PlainFs(loaded.upper ?? newRoot(now()), now, SCENARIO_UMASK);
  const userxattr = /(^|,)userxattr(,|$)/.test(opts.options);
  const prefix = userxattr ? 'user.overlay.' : 'trusted.overlay.';

  const setup: ReportInput['setup'] = [];
  for (const op of scenario.setup) {
    const fs = op.layer!.kind === 'upper' ? upperFs! : lowerFs[(op.layer as { index: number }).index];
    setup.push({ op, result: executeOp({ sys: plainSyscalls(fs), raw: true, xattrPrefix: prefix, now }, op) });
  }
  const header = ['engine: overlay-lab model', `options: ${opts.options || '(defaults)'}`];
  const mounted = Overlay.mount({
    lowers: lowerFs.map((fs, i) => ({ name: `L${i}`, root: fs.root })),
    dataOnly: dataFs.map((fs, i) => ({ name: `D${i}`, root: fs.root })),
    upper: upperFs?.root,
    options: opts.options,
    optionString: mountOptionString(n, dataFs.length, opts.readOnly, opts.options),
    now,
    umask: SCENARIO_UMASK,
  });
  if ('refused' in mounted) return { report: { header, setup, ops: [], mountFailed: mounted.refused.reason }, exit: 1 };
  let ovl = mounted.ok;
  let upper = upperFs;
  let lowersNow = lowerFs.map((fs, i) => ({ name: `L${i}`, root: fs.root }));
  // remount: the same layer trees mounted again (a fresh dentry cache); remount -l: the named
  // trees as the new lower stack over a fresh upper tree.
  const remount = (asked?: string[]): string | undefined => {
    let lowers = lowersNow;
    let nextUpper = upper;
    if (asked) {
      lowers = [];
      for (const name of asked) {
        if (name === 'U' && !upper) return 'ENOENT';
        if (name !== 'U' && Number(name.slice(1)) >= n) return 'ENOENT';
        lowers.push({ name, root: name === 'U' ? upper!.root : lowerFs[Number(name.slice(1))].root });
      }
      nextUpper = opts.readOnly ? undefined : new PlainFs(newRoot(now()), now, SCENARIO_UMASK);
    }
    const again = ovl.remount({ lowers, upper: nextUpper?.root, keepIndex: !asked });
    if ('refused' in again) {
      // Refused: the runner mounts the previous stack again, as the kernel runner does.
      const back = ovl.remount({ lowers: lowersNow, upper: upper?.root, keepIndex: true });
      if ('ok' in back) ovl = back.ok;
      target.sys = overlaySyscalls(ovl);
      return 'EINVAL';
    }
    ovl = again.ok;
    upper = nextUpper;
    lowersNow = lowers;
    target.sys = overlaySyscalls(ovl);
    return undefined;
  };
  const target: ExecTarget = {
    sys: overlaySyscalls(ovl),
    raw: false,
    xattrPrefix: prefix,
    now,
    remount,
    classes: { ino: new Map(), dev: new Map() },
    runAs: (cred, op, t) => executeOp({ ...t, sys: overlaySyscalls(ovl, cred) }, op),
  };
  const ops: { op: (typeof scenario.ops)[number]; result: OpResult }[] = [];
  for (const op of scenario.ops) ops.push({ op, result: executeOp(target, op) });
  const merged = mergedEntries(ovl);
  const upperReport = upper ? upperEntries(upper.root, `${prefix}metacopy`) : undefined;
  return { report: { header, setup, ops, merged, upper: upperReport }, exit: 0, overlay: ovl };
}

/**
 * Looks every name up once, as the kernel runner's `getfattr -R` pass does before it lists the
 * tree: lookups have effects (an origin fixed, a parent marked impure) that change what the
 * listing then shows.
 */
function probeWalk(ovl: Overlay, dir = ''): void {
  const names = ovl.readdir(dir);
  if ('errno' in names) return;
  for (const name of names) {
    const path = dir === '' ? name : `${dir}/${name}`;
    const st = ovl.lstat(path);
    if (!('errno' in st) && st.type === 'd') probeWalk(ovl, path);
  }
}

/**
 * Every entry under the merged root, read through the mount as `getfattr -R` then `ls -lR` would.
 * `knownHash` may give a file's short hash already known (an image's content table), sparing
 * the hashing of its bytes.
 */
export function mergedEntries(ovl: Overlay, knownHash?: (path: string) => string | undefined): ReportEntry[] {
  probeWalk(ovl);
  const out: ReportEntry[] = [];
  const visit = (dir: string) => {
    const names = ovl.readdir(dir);
    if ('errno' in names) {
      out.push({ path: `/${dir}${dir ? '/' : ''}`, type: 'ERR', errno: names.errno, mode: 0, uid: 0, gid: 0, xattrs: [] });
      return;
    }
    for (const name of names) {
      const path = dir === '' ? name : `${dir}/${name}`;
      const st = ovl.lstat(path);
      if ('errno' in st) {
        out.push({ path: `/${path}`, type: 'ERR', errno: st.errno, mode: 0, uid: 0, gid: 0, xattrs: [] });
        continue;
      }
      const xs = ovl.listxattr(path);
      const xattrs = 'errno' in xs ? [] : xs.flatMap(([k, v]) => (reportXattr(k, v) ? [reportXattr(k, v)!] : []));
      const e: ReportEntry = { path: `/${path}`, type: st.type, mode: st.mode, uid: st.uid, gid: st.gid, xattrs };
      if (st.type === 'c' || st.type === 'b') e.rdev = st.rdev;
      if (st.type === 'f') {
        const data = ovl.read(path);
        const sha256 = knownHash?.(path) ?? hash16('errno' in data ? new Uint8Array() : data);
        Object.assign(e, { nlink: st.nlink, size: st.size, sha256, inode: st.ino });
      } else if (st.type === 'l') {
        const t = ovl.readlink(path);
        e.target = typeof t === 'string' ? t : '';
      }
      out.push(e);
      if (st.type === 'd') visit(path);
    }
  };
  visit('');
  return out;
}

/** Every entry of the upper layer's own tree, the root first. */
export function upperEntries(root: Inode, metacopyXattr: string): ReportEntry[] {
  const out: ReportEntry[] = [];
  const visit = (node: Inode, path: string) => {
    const xattrs = [...node.xattrs].flatMap(([k, v]) => (reportXattr(k, v) ? [reportXattr(k, v)!] : []));
    const base = { path, mode: node.mode, uid: node.uid, gid: node.gid, xattrs };
    if (node.isWhiteoutDevice) out.push({ ...base, type: 'WHITEOUT' });
    else if (node.type === 'f') {
      out.push({ ...base, type: 'f', size: node.size, sha256: hash16(node.data), metacopy: node.xattrs.has(metacopyXattr) });
    } else if (node.type === 'l') out.push({ ...base, type: 'l', target: node.target });
    else if (node.type === 'c' || node.type === 'b') out.push({ ...base, type: node.type, rdev: node.rdev });
    else out.push({ ...base, type: node.type });
    if (node.type === 'd') for (const [name, child] of node.entries) visit(child, path === '/' ? `/${name}` : `${path}/${name}`);
  };
  visit(root, '/');
  return out;
}
