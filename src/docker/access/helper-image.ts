import { execFile } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import type * as TarStream from 'tar-stream';
import type { EngineClient } from '../engine/engine';
import { noBusybox } from '../errors';

/** The helper image: busybox plus getfattr, built here from this machine's files (no registry needed). */
export const HELPER_IMAGE = 'overlay-lab/helper:1';
/** Every image and container the lab makes carries this label, so cleanup finds exactly those. */
export const LAB_LABEL = 'io.overlay-lab';
/** The label of helper containers (always removed after use). */
export const HELPER_LABEL = 'io.overlay-lab.helper';

const BUSYBOX_PATHS = ['/bin/busybox', '/usr/bin/busybox', '/sbin/busybox'];

/** A dynamically linked binary names its loader (PT_INTERP) near the start of the file. */
function isStatic(file: string): boolean {
  const head = readFileSync(file).subarray(0, 8192).toString('latin1');
  return head.startsWith('\x7fELF') && !head.includes('/ld-linux') && !head.includes('/ld-musl');
}

/**
 * The static busybox of this machine (Debian's busybox-static), or undefined.
 * @example findStaticBusybox() // '/usr/bin/busybox'
 */
export function findStaticBusybox(): string | undefined {
  for (const p of BUSYBOX_PATHS) if (existsSync(p) && isStatic(realpathSync(p))) return realpathSync(p);
  return undefined;
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => execFile(cmd, args, (err, stdout) => (err ? reject(err) : resolve(stdout))));
}

/** getfattr with its loader and libraries (ldd's list), so opaque markers can be read in the helper. */
async function getfattrFiles(): Promise<{ bin: string; loader: string; libs: string[] } | undefined> {
  const bin = ['/usr/bin/getfattr', '/bin/getfattr'].find((p) => existsSync(p));
  if (!bin) return undefined;
  try {
    const out = await run('ldd', [bin]);
    const libs: string[] = [];
    let loader = '';
    for (const line of out.split('\n')) {
      const arrow = /=>\s+(\/\S+)/.exec(line);
      if (arrow) libs.push(arrow[1]);
      else if (/^\s*(\/\S*ld-linux\S*)/.test(line)) loader = /^\s*(\S+)/.exec(line)![1];
    }
    return loader ? { bin, loader, libs } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The wrapper that runs getfattr through its own loader: `$H` is '' in a bind-mount helper and
 * /proc/<pid>/root after nsenter, where the host's libraries may differ.
 */
const GETFATTR_WRAPPER = '#!/bin/sh\nexec "$H/opt/ovl/ld.so" --library-path "$H/opt/ovl/lib" "$H/opt/ovl/getfattr.bin" "$@"\n';

/**
 * Makes the helper image when the engine does not have it: a root file system with busybox
 * (and its applet links) and getfattr, imported with `docker import`. Returns whether it was built.
 * @example await ensureHelperImage(connectEngine()) // false when it already exists
 */
export async function ensureHelperImage(engine: EngineClient): Promise<boolean> {
  if (await engine.image(HELPER_IMAGE)) return false;
  const busybox = findStaticBusybox();
  if (!busybox) throw noBusybox();
  const applets = (await run(busybox, ['--list'])).split('\n').filter((a) => a && a !== 'busybox');
  const gf = await getfattrFiles();
  // Loaded here, not at the top: only the rare run that builds the image pays for it.
  const { pack } = require('tar-stream') as typeof TarStream;
  const tar = pack();
  const mtime = new Date('2024-01-01T00:00:00Z');
  const dir = (name: string) => tar.entry({ name, type: 'directory', mode: 0o755, mtime });
  const file = (name: string, data: Buffer | string, mode = 0o755) => tar.entry({ name, mode, mtime }, data);
  dir('bin');
  file('bin/busybox', readFileSync(busybox));
  for (const a of applets) tar.entry({ name: `bin/${a}`, type: 'symlink', linkname: 'busybox', mtime });
  dir('tmp');
  dir('proc');
  dir('host-docker');
  if (gf) {
    dir('opt');
    dir('opt/ovl');
    dir('opt/ovl/lib');
    file('opt/ovl/getfattr.bin', readFileSync(gf.bin));
    file('opt/ovl/ld.so', readFileSync(realpathSync(gf.loader)));
    for (const lib of gf.libs) file(`opt/ovl/lib/${lib.split('/').pop()}`, readFileSync(realpathSync(lib)));
    file('opt/ovl/getfattr', GETFATTR_WRAPPER);
  }
  tar.finalize();
  await engine.importImage(tar, HELPER_IMAGE, [`LABEL ${LAB_LABEL}=1`, `LABEL ${HELPER_LABEL}-image=1`, 'CMD ["sh"]']);
  return true;
}
