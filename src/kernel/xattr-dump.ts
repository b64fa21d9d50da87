import { execFileSync } from 'node:child_process';

/**
 * Every extended attribute under a directory, read in one `getfattr -R` run (Node has no
 * xattr call; one process for the tree instead of one per file). Keys are absolute paths.
 */
export function dumpXattrs(root: string): Map<string, [string, Uint8Array][]> {
  let text: string;
  try {
    text = execFileSync('getfattr', ['-R', '-P', '-h', '-d', '-m', '-', '-e', 'hex', '--absolute-names', root], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 1 << 28,
    });
  } catch (e) {
    const err = e as { code?: string; stdout?: string };
    if (err.code === 'ENOENT') throw new Error('getfattr is not installed (Debian: apt-get install attr)');
    // getfattr exits 1 when some file has no xattrs support; what it printed is still right.
    text = err.stdout ?? '';
  }
  const out = new Map<string, [string, Uint8Array][]>();
  let current: [string, Uint8Array][] | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('# file: ')) {
      current = [];
      out.set(unescapeOctal(line.slice(8)), current);
    } else if (current && line.includes('=')) {
      const i = line.indexOf('=');
      const hex = line.slice(i + 1);
      current.push([line.slice(0, i), hexBytes(hex)]);
    } else if (current && line.trim() !== '') {
      current.push([line.trim(), new Uint8Array()]);
    }
  }
  return out;
}

/** getfattr writes unusual bytes in names as \ooo. */
function unescapeOctal(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && /^[0-7]{3}$/.test(s.slice(i + 1, i + 4))) {
      bytes.push(parseInt(s.slice(i + 1, i + 4), 8));
      i += 3;
    } else bytes.push(...Buffer.from(s[i]));
  }
  return Buffer.from(bytes).toString('utf8');
}

function hexBytes(v: string): Uint8Array {
  if (v.startsWith('0x')) return new Uint8Array(Buffer.from(v.slice(2), 'hex'));
  if (v.startsWith('0s')) return new Uint8Array(Buffer.from(v.slice(2), 'base64'));
  return new Uint8Array(Buffer.from(v.replace(/^"|"$/g, ''), 'utf8'));
}
