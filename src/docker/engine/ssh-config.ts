/*
 * ~/.ssh/config read as ssh reads it, for one host of an ssh:// engine: the docker CLI runs the
 * `ssh` program, which reads it, so `--host ssh://lab-07` must reach here what it reaches there.
 * What a connection needs: HostName, User, Port, IdentityFile, UserKnownHostsFile and
 * StrictHostKeyChecking; `Host` blocks (patterns with * and ?, lists, !negations), `Include`
 * (globs, relative to ~/.ssh or /etc/ssh), keywords in any case, `key value` or `key=value`,
 * quoted arguments; the first value found wins, IdentityFile adds up (ssh_config(5)). `Match`
 * blocks are not evaluated: their settings are passed over (the README says so).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import * as path from 'node:path';

export interface SshHostConfig {
  hostName?: string;
  user?: string;
  port?: number;
  /** IdentityFile values in order, with ~ and %-tokens expanded. */
  identityFiles: string[];
  /** UserKnownHostsFile's files, expanded. */
  knownHostsFiles?: string[];
  /** StrictHostKeyChecking, lower case (yes, no, off, accept-new, ask). */
  strictHostKeyChecking?: string;
}

/**
 * Whether a host no known_hosts file holds may come in: StrictHostKeyChecking no, off or
 * accept-new (ssh then adds it; a changed or revoked key is refused all the same here).
 * @example acceptsUnknownHost({ identityFiles: [], strictHostKeyChecking: 'accept-new' }) // true
 */
export function acceptsUnknownHost(cfg: SshHostConfig): boolean {
  return ['no', 'off', 'accept-new'].includes(cfg.strictHostKeyChecking ?? 'ask');
}

/** How the reader reaches files: the real file system, or a test's. */
export interface ConfigFiles {
  read(file: string): string | undefined;
  list(dir: string): string[];
}

const realFiles: ConfigFiles = {
  read: (file) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined; // ssh passes over a config file that is not there
    }
  },
  list: (dir) => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
};

/**
 * An ssh pattern (`*` any run, `?` one character) against a host name, ignoring case as ssh does
 * (it lowers the name it was given).
 * @example sshPattern('*.lab', 'pc-07.lab') // true
 */
export function sshPattern(pattern: string, name: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(name);
}

/** A `Host` line's patterns against a host: one matches and no negated one does. */
function hostMatches(patterns: string[], host: string): boolean {
  let matched = false;
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (sshPattern(p.slice(1), host)) return false;
    } else if (sshPattern(p, host)) matched = true;
  }
  return matched;
}

/** A line's words: `key value...` or `key=value`, double quotes grouping; a line starting with `#` is a comment. */
function words(line: string): string[] {
  const t = line.trim();
  if (!t || t.startsWith('#')) return [];
  const m = /^([^\s=]+)\s*(?:=\s*|\s+)?(.*)$/.exec(t)!;
  return [m[1], ...[...m[2].matchAll(/"([^"]*)"|(\S+)/g)].map((x) => x[1] ?? x[2])];
}

interface Context {
  host: string;
  home: string;
  localUser: string;
  files: ConfigFiles;
}

/** ~ and the tokens ssh expands in file names: %d home, %u local user, %h remote host, %r remote user, %%. */
function expand(value: string, c: Context, cfg: SshHostConfig): string {
  const tilde = value === '~' ? c.home : value.startsWith('~/') ? path.join(c.home, value.slice(2)) : value;
  return tilde.replace(/%([%dhur])/g, (_, t: string) => ({ '%': '%', d: c.home, u: c.localUser, h: cfg.hostName ?? c.host, r: cfg.user ?? c.localUser })[t]!);
}

/** The files an `Include` names: globs in the last component, relative ones under `base`. */
function included(pattern: string, base: string, c: Context): string[] {
  const full = path.resolve(base, expand(pattern, c, { identityFiles: [] }));
  const dir = path.dirname(full);
  const leaf = path.basename(full);
  if (!/[*?]/.test(leaf)) return [full];
  return c.files
    .list(dir)
    .filter((f) => sshPattern(leaf, f) && !f.startsWith('.'))
    .sort()
    .map((f) => path.join(dir, f));
}

function readFile(file: string, base: string, c: Context, cfg: SshHostConfig, active: boolean, depth: number): void {
  const text = c.files.read(file);
  if (text === undefined || depth > 16) return; // ssh stops at 16 levels of Include
  for (const line of text.split(/\r?\n/)) {
    const [key, ...args] = words(line.trim());
    if (!key) continue;
    switch (key.toLowerCase()) {
      case 'host':
        active = hostMatches(args, c.host);
        break;
      case 'match':
        active = false; // not evaluated: what it sets is passed over
        break;
      case 'include': {
        if (!active) break;
        for (const a of args) for (const f of included(a, base, c)) readFile(f, base, c, cfg, active, depth + 1);
        break;
      }
      default:
        if (active && args.length) take(key.toLowerCase(), args, c, cfg);
    }
  }
}

/** One setting: the first value found wins, identity files add up. */
function take(key: string, args: string[], c: Context, cfg: SshHostConfig): void {
  switch (key) {
    case 'hostname':
      cfg.hostName ??= args[0].replace(/%([%h])/g, (_, t: string) => (t === '%' ? '%' : c.host));
      break;
    case 'user':
      cfg.user ??= args[0];
      break;
    case 'port': {
      const n = Number(args[0]);
      if (cfg.port === undefined && Number.isInteger(n) && n > 0 && n < 65536) cfg.port = n;
      break;
    }
    case 'identityfile':
      cfg.identityFiles.push(args[0]); // expanded once all is read: %h is the final HostName
      break;
    case 'userknownhostsfile':
      cfg.knownHostsFiles ??= args;
      break;
    case 'stricthostkeychecking':
      cfg.strictHostKeyChecking ??= args[0].toLowerCase();
      break;
  }
}

/**
 * What the user's and the system's ssh configuration say for `host` (the name in the ssh:// URL).
 * @example sshHostConfig('lab-07', { HOME: '/home/ana' }).hostName // '10.0.0.7' with "Host lab-07\n  HostName 10.0.0.7"
 */
export function sshHostConfig(host: string, env: Record<string, string | undefined> = process.env, files: ConfigFiles = realFiles): SshHostConfig {
  const home = env.HOME || homedir();
  const c: Context = { host: host.toLowerCase(), home, localUser: env.USER || safeUser(), files };
  const cfg: SshHostConfig = { identityFiles: [] };
  readFile(path.join(home, '.ssh', 'config'), path.join(home, '.ssh'), c, cfg, true, 0);
  readFile('/etc/ssh/ssh_config', '/etc/ssh', c, cfg, true, 0);
  cfg.identityFiles = cfg.identityFiles.map((f) => expand(f, c, cfg));
  if (cfg.knownHostsFiles) cfg.knownHostsFiles = cfg.knownHostsFiles.map((f) => expand(f, c, cfg));
  return cfg;
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'root';
  }
}
