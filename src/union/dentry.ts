import type { Inode } from './inode';

/** One lower layer's inode for a merged name, and the layer it lies in (0 = top lower layer). */
export interface LowerRef {
  layer: number;
  node: Inode;
  /** The directory of that layer holding `node` (for whiteout and xwhiteout checks). */
  dir: Inode;
}

/**
 * A merged name as the kernel's ovl_lookup leaves it: the upper inode if any, the stack of
 * lower inodes (all merged directories for a directory; the origin, and the data for a
 * metacopy file), and the flags lookup found.
 */
export interface Dentry {
  /** Merged path, '' for the root. */
  path: string;
  name: string;
  parent?: Dentry;
  upper?: Inode;
  /** The upper directory holding `upper`. */
  upperDir?: Inode;
  lowers: LowerRef[];
  isDir: boolean;
  /** From the upper layer: a whiteout (negative dentry) or an opaque directory. */
  opaque: boolean;
  /** The upper inode carries metacopy: its data still lies in a lower layer. */
  metacopy: boolean;
  /** The redirect the upper inode carries, if any. */
  redirect?: string;
  /** The upper inode comes from the index (a hard link copied up under another name). */
  viaIndex: boolean;
}

export const isPositive = (d: Dentry) => d.upper !== undefined || d.lowers.length > 0;
/** The inode the kernel serves for the name: upper if there is one, else the top lower. */
export const realInode = (d: Dentry): Inode | undefined => d.upper ?? d.lowers[0]?.node;
/** Upper and lower both present: a merged directory, or a copied-up file with its origin. */
export const isMerge = (d: Dentry) => d.upper !== undefined && d.lowers.length > 0;
/** Only an upper inode, nothing below it. */
export const isPureUpper = (d: Dentry) => d.upper !== undefined && d.lowers.length === 0;
