/** Where a file's bytes lie: in its upper copy, or (metacopy) at the end of its lower chain. */
import type { Dentry } from './dentry';
import type { Inode } from './inode';
import type { OvlFs } from './super';

/** The inode holding the bytes a read returns: the upper copy, or where a metacopy chain ends. */
export function dataNode(ofs: OvlFs, d: Dentry): Inode | undefined {
  if (d.upper && !d.metacopy) return d.upper;
  for (let i = d.lowers.length - 1; i >= 0; i--) {
    const n = d.lowers[i].node;
    if (n.type === 'f' && !n.xattrs.has(`${ofs.prefix}metacopy`)) return n;
  }
  return d.lowers[0]?.node;
}

export function dataOf(ofs: OvlFs, d: Dentry): Uint8Array {
  return dataNode(ofs, d)?.data ?? new Uint8Array();
}

/** st_size: a metacopy file's own size, even where its data file is longer. */
export function sizeOf(ofs: OvlFs, d: Dentry): number {
  if (d.upper) return d.upper.size;
  const top = d.lowers[0].node;
  return top.xattrs.has(`${ofs.prefix}metacopy`) ? top.size : (dataNode(ofs, d)?.size ?? 0);
}
