import { execFile } from 'node:child_process';
import { OPAQUE_XATTR } from '../store/layout';

/**
 * Node has no xattr API, so opaque markers are read with getfattr (Debian's `attr` package),
 * one process per tree: `getfattr -R -P --absolute-names -n trusted.overlay.opaque DIR` prints
 * a "# file: PATH" line followed by `trusted.overlay.opaque="y"` for each opaque directory.
 * Returns undefined when getfattr is missing.
 * @example await opaqueDirs('/var/lib/docker/overlay2/abc/diff') // Set { '/var/lib/docker/overlay2/abc/diff/app/data' }
 */
export function opaqueDirs(tree: string, getfattr = 'getfattr'): Promise<Set<string> | undefined> {
  return new Promise((resolve, reject) => {
    execFile(
      getfattr,
      ['-R', '-P', '--absolute-names', '-d', '-m', `^${OPAQUE_XATTR.replace(/\./g, '\\.')}$`, tree],
      { maxBuffer: 64 * 1024 * 1024 },
      (err, stdout) => {
        if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') return resolve(undefined);
        // getfattr exits 1 when some file has no such attribute: not an error for us.
        if (err && !stdout && (err as { code?: unknown }).code !== 1) return reject(err);
        resolve(parseGetfattr(stdout));
      },
    );
  });
}

/**
 * Parses `getfattr -d` output into the set of paths whose opaque xattr is "y".
 * @example parseGetfattr('# file: /d/x\ntrusted.overlay.opaque="y"\n') // Set { '/d/x' }
 */
export function parseGetfattr(text: string): Set<string> {
  const out = new Set<string>();
  let file = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('# file: ')) file = unescapeGetfattr(line.slice(8));
    else if (line === `${OPAQUE_XATTR}="y"`) out.add(file);
  }
  return out;
}

/** getfattr prints odd bytes in names as \ooo octal escapes. */
function unescapeGetfattr(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}
