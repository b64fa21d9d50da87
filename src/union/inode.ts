/**
 * An inode of one layer's file system, apart from the directory entries that name it (as
 * memfs keeps Node and Link apart): a hard link is two entries on one inode, a copy-up makes
 * a new inode in the upper layer, a whiteout is an entry naming a char 0/0 device.
 */
export type FileType = 'd' | 'f' | 'l' | 'c' | 'b' | 'p' | 's';

/**
 * What lstat says of a name: the one shape both runners give (the model through its mount or a
 * raw layer, the kernel runner from the disk), so their reports can only differ in the facts.
 */
export interface StatResult {
  type: FileType;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  nlink: number;
  /** The inode as stat identifies it (st_dev:st_ino), as a token: equal for names that share an inode. */
  ino: string;
  /** Device numbers of a char or block device. */
  rdev?: [number, number];
  /** st_dev as a token: which file system the name reports. */
  dev?: string;
}

export class Inode {
  /** Permission bits, with setuid, setgid and sticky (07777). */
  mode: number;
  uid = 0;
  gid = 0;
  atime = 0;
  mtime = 0;
  ctime = 0;
  /** Entries naming this inode (non-directories). */
  nlink = 0;
  /** Regular file content. */
  data: Uint8Array = new Uint8Array();
  /** st_size when it differs from the content held: a metacopy file is sized like its lower data. */
  dataSize?: number;
  /** Symbolic link target. */
  target = '';
  /** Device numbers; a whiteout is a char device 0:0. */
  rdev: [number, number] = [0, 0];
  /** Directory entries, by name. */
  readonly entries = new Map<string, Inode>();
  /** Extended attributes, by full name (e.g. trusted.overlay.opaque). */
  readonly xattrs = new Map<string, Uint8Array>();

  constructor(readonly type: FileType, mode: number) {
    this.mode = mode & 0o7777;
  }

  get size(): number {
    if (this.type === 'f') return this.dataSize ?? this.data.length;
    if (this.type === 'l') return new TextEncoder().encode(this.target).length;
    return this.type === 'd' ? 4096 : 0;
  }

  /** A char device 0:0: the kernel's whiteout, hiding the name in lower layers. */
  get isWhiteoutDevice(): boolean {
    return this.type === 'c' && this.rdev[0] === 0 && this.rdev[1] === 0;
  }

  xattrText(name: string): string | undefined {
    const v = this.xattrs.get(name);
    return v === undefined ? undefined : new TextDecoder().decode(v);
  }

  setXattrText(name: string, value: string): void {
    this.xattrs.set(name, new TextEncoder().encode(value));
  }
}

/**
 * st_ino as one file system hands them out: each superblock numbers its own inodes, from 1,
 * so a number never depends on what else the process made (an inode is numbered when first
 * asked for). A mount keeps one (the overlay's st_ino), a plain layer tree another.
 */
export class InodeNumbers {
  private last = 0;
  private readonly numbers = new WeakMap<Inode, number>();

  of(node: Inode): number {
    let n = this.numbers.get(node);
    if (n === undefined) this.numbers.set(node, (n = ++this.last));
    return n;
  }
}

/** Makes an inode with owner and times set. */
export function makeInode(type: FileType, mode: number, uid: number, gid: number, now: number): Inode {
  const n = new Inode(type, mode);
  n.uid = uid;
  n.gid = gid;
  n.atime = n.mtime = n.ctime = now;
  return n;
}

/** A copy of an inode's metadata and content (not its entries): what copy-up writes. */
export function cloneInode(src: Inode, withData: boolean): Inode {
  const n = new Inode(src.type, src.mode);
  n.uid = src.uid;
  n.gid = src.gid;
  n.atime = src.atime;
  n.mtime = src.mtime;
  n.ctime = src.ctime;
  if (withData) n.data = src.data;
  n.target = src.target;
  n.rdev = [...src.rdev];
  return n;
}
