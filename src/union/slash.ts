/**
 * A trailing `/` (fs/namei.c): the VFS above any file system decides what it means, before
 * the file system is called. On a name the call walks to (open, stat, chmod, link's source)
 * it follows a final symbolic link and asks for a directory; a call that makes or removes
 * the last name (unlink, rmdir, mkdir, symlink, link's new name, rename) looks at that name
 * itself, never through a link. The plain layer trees and the overlay both sit under it.
 */
import { PATH_MAX } from './limits';
import { resolvePath, type PathProbe } from './path';

/** An errno name, as the tree under the VFS gives it. */
type Errno = string;

/** How a system call treats its path's last component. */
export type SlashUse =
  /** path walk to an existing name (LOOKUP_FOLLOW | LOOKUP_DIRECTORY once a slash ends it) */
  | 'walk'
  /** open with O_CREAT: a trailing slash is EISDIR once the parent is found (open_last_lookups) */
  | 'open-create'
  /** do_unlinkat: parent, read-only check, then the name: ENOENT, EISDIR or ENOTDIR */
  | 'unlink'
  /** rmdir(2), mkdir(2): a directory is asked for anyway */
  | 'dir'
  /** filename_create without LOOKUP_DIRECTORY (symlink, link's new name): EEXIST, else ENOENT */
  | 'create-name';

/** What the rules need of a tree: what a path is (without following its last link), and whether it is read-only. */
export interface SlashTree {
  probe(path: string): PathProbe | { kind: 'error'; errno: Errno };
  readOnly: boolean;
  /** may_lookup on a directory the last name is taken in (a tree without permissions has none). */
  mayLookup?(dir: string): Errno | undefined;
}

/** getname: a path that does not fit PATH_MAX with its NUL is refused before anything is looked up. */
export const pathTooLong = (path: string): boolean => new TextEncoder().encode(path).length + 1 > PATH_MAX;

export const hasTrailingSlash = (path: string): boolean => /[^/]\/+$/.test(path);
/** The path without its trailing slashes ('a/b/' -> 'a/b'). */
export const withoutSlash = (path: string): string => (hasTrailingSlash(path) ? path.replace(/\/+$/, '') : path);
const parentOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');

/** The errno the walk to the parent gives, if any. */
function parentError(t: SlashTree, path: string): Errno | undefined {
  const parent = parentOf(path);
  // link_path_walk ends in the parent: it must be a directory the caller may search.
  if (parent === '') return t.mayLookup?.('');
  const p = t.probe(parent);
  if (p.kind === 'error') return p.errno;
  if (p.kind === 'missing') return 'ENOENT';
  return p.kind === 'dir' ? t.mayLookup?.(parent) : 'ENOTDIR';
}

/**
 * The VFS's answer for a path written with a trailing slash: an errno decided before the
 * file system is called, or the path to call it with (slash removed, a final link followed
 * where the call walks). A path without a trailing slash passes through unchanged.
 * @example slashRule(tree, 'walk', 'f/') // 'ENOTDIR' when f is a file
 */
export function slashRule(t: SlashTree, use: SlashUse, path: string): { errno: Errno } | { path: string } {
  if (!hasTrailingSlash(path)) return { path };
  const bare = withoutSlash(path);
  const probe = (p: string): PathProbe => {
    const r = t.probe(p);
    return r.kind === 'error' ? { kind: 'missing' } : r;
  };
  switch (use) {
    case 'walk': {
      const r = resolvePath(bare, probe, true);
      if ('errno' in r) return r;
      const at = t.probe(r.path);
      if (at.kind === 'error') return { errno: at.errno };
      if (at.kind === 'missing') return { errno: parentError(t, r.path) ?? 'ENOENT' };
      return at.kind === 'dir' ? { path: r.path } : { errno: 'ENOTDIR' };
    }
    case 'open-create':
      return { errno: parentError(t, bare) ?? 'EISDIR' };
    case 'unlink': {
      const pe = parentError(t, bare);
      if (pe) return { errno: pe };
      if (t.readOnly) return { errno: 'EROFS' };
      const at = t.probe(bare);
      if (at.kind === 'error') return { errno: at.errno };
      return { errno: at.kind === 'missing' ? 'ENOENT' : at.kind === 'dir' ? 'EISDIR' : 'ENOTDIR' };
    }
    case 'dir':
      return { path: bare };
    case 'create-name': {
      const pe = parentError(t, bare);
      if (pe) return { errno: pe };
      const at = t.probe(bare);
      if (at.kind === 'error') return { errno: at.errno };
      return { errno: at.kind === 'missing' ? 'ENOENT' : 'EEXIST' };
    }
  }
}

/**
 * rename(2) with a trailing slash on either name (do_renameat2): parents, the read-only
 * check and a missing source come first; then a source that is not a directory is ENOTDIR.
 * Returns an errno, or the two names to call the file system with.
 */
export function slashRename(t: SlashTree, from: string, to: string): { errno: Errno } | { from: string; to: string } {
  const a = withoutSlash(from);
  const b = withoutSlash(to);
  if (a === from && b === to) return { from, to };
  const pe = parentError(t, a) ?? parentError(t, b);
  if (pe) return { errno: pe };
  if (t.readOnly) return { errno: 'EROFS' };
  const at = t.probe(a);
  if (at.kind === 'error') return { errno: at.errno };
  if (at.kind === 'missing') return { errno: 'ENOENT' };
  if (at.kind !== 'dir') return { errno: 'ENOTDIR' };
  return { from: a, to: b };
}
