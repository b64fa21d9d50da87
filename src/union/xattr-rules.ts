import type { Errno } from './errno';
import type { Inode } from './inode';

/** Longest xattr name Linux takes (XATTR_NAME_MAX). */
export const XATTR_NAME_MAX = 255;
/** Largest value ext4 stores in its one xattr block (a 4 KiB block less its header). */
export const XATTR_VALUE_MAX_EXT4 = 4096 - 32 - 16 - 4;

/**
 * Whether a plain (ext4-like) file system accepts this xattr on this inode, as root: the
 * namespaces it knows, user.* only on files and directories (the kernel refuses them on
 * links and devices), name and value sizes.
 */
export function checkSetxattr(node: Inode, name: string, value: Uint8Array): Errno | undefined {
  if (name.length > XATTR_NAME_MAX) return 'ERANGE';
  const m = /^(user|trusted|security)\.(.*)$/.exec(name);
  if (!m) return 'EOPNOTSUPP';
  if (m[2] === '') return 'EINVAL';
  if (m[1] === 'user' && node.type !== 'f' && node.type !== 'd') return 'EPERM';
  if (value.length > XATTR_VALUE_MAX_EXT4) return 'ENOSPC';
  return undefined;
}
