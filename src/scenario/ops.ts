/**
 * The operations of the scenario language (SCENARIOS.md), each with the arguments it takes.
 * One table drives the parser, the simulator and the kernel runner, so a new operation is
 * added in one place.
 */
export type OpName =
  | 'write' | 'append' | 'touch' | 'utime' | 'truncate' | 'read'
  | 'rm' | 'rmdir' | 'rmrf' | 'mkdir' | 'mkdirp' | 'rename' | 'mv'
  | 'chmod' | 'chown' | 'ln' | 'symlink' | 'setxattr' | 'whiteout' | 'opaque'
  // The project's own (README: "Operations beyond SCENARIOS.md").
  | 'open' | 'readlink' | 'stat' | 'cat' | 'remount';

/** How the words after the operation name are read. */
export type ArgShape =
  | 'path'              // PATH
  | 'path+content'      // PATH CONTENT (rest of line)
  | 'path+number'       // PATH SIZE
  | 'path+time'         // PATH SECONDS|now
  | 'path+flags+content?' // PATH FLAGS [CONTENT]
  | 'remount'           // [-l NAME...]
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
  utime: 'path+time',
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
  open: 'path+flags+content?',
  readlink: 'path',
  stat: 'path',
  cat: 'path',
  remount: 'remount',
};

/** Operations that print what they found after OK (`=> OK <result>`). */
export const REPORTING: ReadonlySet<OpName> = new Set(['readlink', 'stat', 'cat']);

/** open(2) flags a scenario may name, joined by `|` (O_RDONLY, O_WRONLY or O_RDWR first or implied). */
export const OPEN_FLAGS = ['O_RDONLY', 'O_WRONLY', 'O_RDWR', 'O_CREAT', 'O_EXCL', 'O_TRUNC', 'O_APPEND', 'O_DIRECTORY', 'O_NOFOLLOW'] as const;
export type OpenFlag = (typeof OPEN_FLAGS)[number];

/** What open(2) is asked for, decoded from the flags as written: the model's own type. */
import type { OpenFlags } from '../union/open';
export type { OpenFlags };

/** Credentials an `as UID[:GID]` line runs with (GID defaults to UID). */
export interface Cred {
  uid: number;
  gid: number;
}

/** Operations that only make sense on a raw layer, before the mount. */
export const RAW_ONLY: ReadonlySet<OpName> = new Set(['whiteout', 'opaque']);

/** Operations on the mount itself: never on a raw layer, never as another user. */
export const MOUNT_ONLY: ReadonlySet<OpName> = new Set(['remount']);

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
  /** open: the flags. */
  flags?: OpenFlags;
  /** utime: `now` instead of SECONDS. */
  now?: boolean;
  /** remount -l: the new lower stack, top first, by layer name (U, L0, L1, ...). */
  remountLowers?: string[];
  /** `as UID[:GID] ...`: the operation runs with these credentials. */
  as?: Cred;
}

export interface Scenario {
  setup: ScenarioOp[];
  ops: ScenarioOp[];
  /** Highest `L<i>` named plus one (0 when none). */
  lowersNamed: number;
}
