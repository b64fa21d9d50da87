/*
 * `overlay-lab serve` run by a test as its own process: started, its printed URL read, and
 * stopped (SIGINT, then SIGKILL if it lingers) whatever the test did.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI } from './docker';
import { waitUntil } from './wait';

export interface RunningServe {
  child: ChildProcess;
  /** The page's URL as serve printed it (token and language in the query). */
  url: string;
  /** Everything it printed so far, stdout and stderr. */
  out(): string;
  stop(): Promise<void>;
}

/** Starts `overlay-lab serve ARGS` and waits until it prints the URL to open. */
export async function startServe(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<RunningServe> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const running: RunningServe = {
    child,
    url: '',
    out: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      await new Promise((r) => setTimeout(r, 500));
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
  try {
    await waitUntil('serve to print its URL', () => /open http:\/\/\S+/.test(out) || child.exitCode !== null, 30_000, () => out);
    if (child.exitCode !== null) throw new Error(`serve exited (${child.exitCode}): ${out}`);
  } catch (e) {
    await running.stop();
    throw e;
  }
  running.url = /open (http:\/\/\S+)/.exec(out)![1];
  return running;
}
