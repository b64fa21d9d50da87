import { MOUNT_OPTIONS_MAX, OVL_MAX_STACK, resolveOverlayOptions, xattrPrefix, type MountRefusal, type OverlayConfig } from './config';
import type { Dentry } from './dentry';
import type { OverlayEvent } from './events';
import { InodeNumbers, type Inode } from './inode';
import type { LookupContext } from './namei';
import type { Cred } from './perm';

/** One lower layer: a name for views and the root of its tree. */
export interface LowerLayer {
  name: string;
  root: Inode;
}

export interface MountInput {
  /** Lower layers, top first (lowerdir=L0:L1:...). */
  lowers: LowerLayer[];
  /** Data-only lower layers (after `::`). */
  dataOnly?: LowerLayer[];
  /** Root of the upper layer; absent for a read-only mount. */
  upper?: Inode;
  /** Extra mount options, e.g. "redirect_dir=on,metacopy=on". */
  options?: string;
  /** The option string mount(2) would get, when known: checked against one page. */
  optionString?: string;
  now?: () => number;
  /** Applied to the mode of every new file and directory, as the process umask is. */
  umask?: number;
  /** Inode numbers already given (a remount over the same layers reports the same st_ino). */
  inos?: InodeNumbers;
}

/**
 * One mount's own state, as the kernel keeps it with its superblock (struct ovl_fs): the
 * layers, the options, the events it recorded and the dentries its lookups cached.
 */
export class OvlFs {
  readonly prefix: string;
  readonly events: OverlayEvent[] = [];
  readonly ctx: LookupContext;
  /** Dentries looked up, by merged path (the dcache); forgotten whenever a layer changes. */
  cache = new Map<string, Dentry>();
  rootCache?: Dentry;
  /** Lower directory -> the merged directory that claimed it (see dcache claimLowerDir). */
  readonly dirClaims = new Map<Inode, { path: string; upper?: Inode }>();
  /**
   * Lower file -> the upper inode its overlay inode got at copy-up. The kernel hashes such
   * inodes by their lower inode (ovl_hash_bylower), so a second merged name reaching the
   * same lower file (through a redirect) is served the copied-up inode while it lives.
   */
  readonly copiedLower = new Map<Inode, Inode>();
  /** The inode numbers this mount reports, one counter per mount as per superblock in the kernel. */
  readonly inos: InodeNumbers;
  /** The caller's credentials for the call under way (`as UID:GID`); absent: root. */
  cred?: Cred;
  /** What it was mounted with (for a remount). */
  input!: MountInput;

  constructor(
    readonly lowers: LowerLayer[],
    readonly dataOnly: LowerLayer[],
    readonly upperRoot: Inode | undefined,
    readonly config: OverlayConfig,
    readonly now: () => number,
    readonly umask: number,
    inos?: InodeNumbers,
  ) {
    this.inos = inos ?? new InodeNumbers();
    this.prefix = xattrPrefix(config);
    this.ctx = {
      config,
      prefix: this.prefix,
      lowerRoots: lowers.map((l) => l.root),
      dataRoots: dataOnly.map((l) => l.root),
      originOf: new Map(),
      indexOf: new Map(),
    };
  }

  get readOnly(): boolean {
    return this.upperRoot === undefined;
  }
}

/** Mounts (ovl_fill_super), or says why the kernel would refuse to, in its own words. */
export function mountOverlay(input: MountInput): { ok: OvlFs } | { refused: MountRefusal } {
  const refuse = (reason: string) => ({ refused: { errno: 'EINVAL' as const, reason: `overlayfs: ${reason}` } });
  const total = input.lowers.length + (input.dataOnly?.length ?? 0);
  if (input.lowers.length === 0) return refuse("missing 'lowerdir'");
  if (total > OVL_MAX_STACK) return refuse(`too many lower directories, limit is ${OVL_MAX_STACK}`);
  if (input.optionString !== undefined && new TextEncoder().encode(input.optionString).length > MOUNT_OPTIONS_MAX) {
    return refuse(`mount options are ${new TextEncoder().encode(input.optionString).length} bytes; mount(2) takes ${MOUNT_OPTIONS_MAX} and would cut the rest`);
  }
  const parsed = resolveOverlayOptions(input.options ?? '', input.upper !== undefined);
  if ('refused' in parsed) return parsed;
  if (!input.upper && input.lowers.length < 2) return refuse('at least 2 lowerdir are needed while upperdir nonexistent');
  const now = input.now ?? (() => Math.floor(Date.now() / 1000));
  const ofs = new OvlFs(input.lowers, input.dataOnly ?? [], input.upper, parsed.ok, now, input.umask ?? 0o022, input.inos);
  ofs.input = input;
  atMount(ofs);
  return { ok: ofs };
}

/** What the kernel writes on the upper root when mounting. */
function atMount(ofs: OvlFs): void {
  const root = ofs.upperRoot;
  if (!root) return;
  const c = ofs.config;
  if ((c.uuid === 'on' || c.uuid === 'auto') && !root.xattrs.has(`${ofs.prefix}uuid`)) {
    root.xattrs.set(`${ofs.prefix}uuid`, new Uint8Array(16).map((_, i) => (i * 37 + 11) & 0xff));
  }
  if (c.index && !root.xattrs.has(`${ofs.prefix}origin`)) {
    root.xattrs.set(`${ofs.prefix}origin`, new Uint8Array([0xfb]));
  }
}
