/**
 * `as UID[:GID] OP ...` on the kernel: the operation runs in a child process started with that
 * uid and gid (libuv drops the supplementary groups), its working directory the mount point,
 * so every permission check is the kernel's own for that user.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import type { ExecTarget } from '../scenario/execute';
import type { Cred, ScenarioOp } from '../scenario/ops';
import type { OpResult } from '../scenario/report';

let bundled: string | undefined;

/**
 * The child's entry: the compiled .js beside this file; or, run from the sources (tests, tsx),
 * the .ts bundled once into one world-readable .js, since the other user may not run the
 * TypeScript tool chain (its binaries are root's).
 */
function childEntry(): string {
  const js = nodePath.join(__dirname, 'as-user-child.js');
  if (fs.existsSync(js)) return js;
  if (bundled && fs.existsSync(bundled)) return bundled;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const built = esbuild.buildSync({ entryPoints: [nodePath.join(__dirname, 'as-user-child.ts')], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'silent' });
  const code = built.outputFiles[0].contents;
  // Named by its content: every run of the same sources shares one file, nothing piles up.
  const out = nodePath.join(os.tmpdir(), `overlay-lab-as-user-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`);
  if (!fs.existsSync(out)) {
    fs.writeFileSync(`${out}.${process.pid}`, code, { mode: 0o644 });
    fs.renameSync(`${out}.${process.pid}`, out);
  }
  return (bundled = out);
}

/** Runs one operation as `cred` in `mountPoint`; stat's identity classes go there and back. */
export function runAsUser(mountPoint: string, cred: Cred, op: ScenarioOp, t: ExecTarget): OpResult {
  const classes = t.classes ?? { ino: new Map(), dev: new Map() };
  const request = {
    op: { ...op, data: op.data === undefined ? undefined : Buffer.from(op.data).toString('base64') },
    prefix: t.xattrPrefix,
    now: t.now(),
    classes: { ino: [...classes.ino], dev: [...classes.dev] },
  };
  let out: string;
  try {
    out = execFileSync(process.execPath, [childEntry(), JSON.stringify(request)], {
      cwd: mountPoint,
      uid: cred.uid,
      gid: cred.gid,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/' },
    });
  } catch (e) {
    const said = String((e as { stderr?: string }).stderr ?? e).trim().split('\n').slice(-12).join(' | ');
    throw new Error(`as ${cred.uid}:${cred.gid}: the child process failed: ${said}`);
  }
  const reply = JSON.parse(out) as { result: OpResult; classes: { ino: [string, number][]; dev: [string, number][] } };
  for (const [k, v] of reply.classes.ino) classes.ino.set(k, v);
  for (const [k, v] of reply.classes.dev) classes.dev.set(k, v);
  return reply.result;
}
