/*
 * OpenSSH's known_hosts, read as `ssh` reads it before it trusts a server: the docker CLI reaches
 * an ssh:// engine through `ssh`, which refuses a host whose key it does not know (in batch use)
 * or whose key changed. overlay-lab speaks ssh itself (ssh2), so it checks the same file.
 * Format (sshd(8), SSH_KNOWN_HOSTS FILE FORMAT): `[@marker] patterns keytype base64-key [comment]`;
 * a pattern is a name, `[name]:port` for a port other than 22, `|1|salt|hmac` (hashed with
 * HashKnownHosts), with `*` and `?` wildcards and `!` negation.
 */
import { createHmac } from 'node:crypto';

/** What the file says of a host's key: known, known with another key (changed), revoked, or not known. */
export type HostKeyCheck = { state: 'known' } | { state: 'changed' | 'revoked'; line: number } | { state: 'unknown' };

/** The name ssh looks up: `host` on port 22, `[host]:port` otherwise. */
export const knownHostName = (host: string, port: number): string => (port === 22 ? host : `[${host}]:${port}`);

/** A `*`/`?` wildcard pattern as ssh matches it (match_pattern), case-insensitive for host names. */
function wildcard(pattern: string, name: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i').test(name);
}

/** A `|1|salt|hmac` entry: HMAC-SHA1 of the name, keyed by the salt. */
function hashedMatch(entry: string, name: string): boolean {
  const [, magic, salt, hash] = entry.split('|');
  if (magic !== '1' || !salt || !hash) return false;
  return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
}

/** Whether a comma-separated pattern list names this host; a negated pattern that matches rules the line out. */
function namesHost(patterns: string, name: string): boolean {
  if (patterns.startsWith('|')) return hashedMatch(patterns, name);
  let hit = false;
  for (const p of patterns.split(',')) {
    if (p.startsWith('!')) {
      if (wildcard(p.slice(1), name)) return false;
    } else if (wildcard(p, name)) hit = true;
  }
  return hit;
}

/** The key type inside an ssh public key blob (its first string: uint32 length, then the name). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return '';
  const n = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + n).toString('latin1');
}

/**
 * Checks a server's key (the raw blob the handshake gave) against the text of a known_hosts file.
 * @example checkHostKey('[127.0.0.1]:2222 ssh-ed25519 AAAA...', '127.0.0.1', 2222, blob).state // 'known'
 */
export function checkHostKey(text: string, host: string, port: number, blob: Buffer): HostKeyCheck {
  const name = knownHostName(host, port);
  const key = blob.toString('base64');
  const type = keyTypeOf(blob);
  let changed: number | undefined;
  let known = false;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const f = lines[i].trim().split(/\s+/);
    if (f.length < 3 || f[0].startsWith('#')) continue;
    const marker = f[0].startsWith('@') ? f.shift() : undefined;
    // A certificate authority vouches for certificates, which this client does not ask for.
    if (marker === '@cert-authority' || f.length < 3 || !namesHost(f[0], name)) continue;
    if (marker === '@revoked') {
      if (f[2] === key) return { state: 'revoked', line: i + 1 };
      continue;
    }
    if (f[2] === key && f[1] === type) known = true;
    else if (f[1] === type) changed ??= i + 1;
  }
  // A revoked key is refused wherever it is listed; a key listed once is trusted even if the host has older lines.
  if (known) return { state: 'known' };
  return changed === undefined ? { state: 'unknown' } : { state: 'changed', line: changed };
}
