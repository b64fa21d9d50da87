/**
 * The operations of the scenario language (SCENARIOS.md), each with the arguments it takes.
 * One table drives the parser, the simulator and the kernel runner, so a new operation is
 * added in one place.
 */
export type OpName =
  | 'write' | 'append' | 'touch' | 'utime' | 'truncate' | 'read'
  | 'rm' | 'rmdir' | 'rmrf' | 'mkdir' | 'mkdirp' | 'rename' | 'mv'
  | 'chmod' | 'chown' | 'ln' | 'symlink' | 'setxattr' | 'whiteout' | 'opaque';

/** How the words after the operation name are read. */
export type ArgShape =
  | 'path'              // PATH
  | 'path+content'      // PATH CONTENT (rest of line)
  | 'path+number'       // PATH SECONDS|SIZE
  | 'path+mode?'        // PATH [MODE]
  | 'path+path'         // OLD NEW
  | 'mode+path'         // MODE PATH
  | 'owner+path'        // UID:GID PATH
  | 'target+path'       // TARGET NEW
  | 'path+name+value';  // PATH NAME VALUE (value: rest of line)

export const OP_SHAPES: Record<OpName, ArgShape> = {
  write: 'path+content',
  append: 'path+content',
  touch: 'path',
  utime: 'path+number',
  truncate: 'path+number',
  read: 'path',
  rm: 'path',
  rmdir: 'path',
  rmrf: 'path',
  mkdir: 'path+mode?',
  mkdirp: 'path',
  rename: 'path+path',
  mv: 'path+path',
  chmod: 'mode+path',
  chown: 'owner+path',
  ln: 'path+path',
  symlink: 'target+path',
  setxattr: 'path+name+value',
  whiteout: 'path',
  opaque: 'path',
};

/** Operations that only make sense on a raw layer, before the mount. */
export const RAW_ONLY: ReadonlySet<OpName> = new Set(['whiteout', 'opaque']);

/** Which layer a setup line builds: a lower layer by index (0 = top) or the upper layer. */
export type LayerRef = { kind: 'lower'; index: number } | { kind: 'upper' };

/** One parsed line. Paths are normalized: no leading slash, no empty or `.` parts. */
export interface ScenarioOp {
  line: number;
  /** The line as written, for the report. */
  text: string;
  /** Set for setup lines (`L<i>: ` or `U: `). */
  layer?: LayerRef;
  op: OpName;
  path: string;
  /** Second path: rename/mv/ln destination, symlink's new name. */
  path2?: string;
  /** write/append content, symlink target, xattr value (decoded bytes). */
  data?: Uint8Array;
  /** symlink target as text. */
  target?: string;
  /** chmod/mkdir mode, utime seconds, truncate size. */
  number?: number;
  uid?: number;
  gid?: number;
  /** setxattr name. */
  name?: string;
}

export interface Scenario {
  setup: ScenarioOp[];
  ops: ScenarioOp[];
  /** Highest `L<i>` named plus one (0 when none). */
  lowersNamed: number;
}
