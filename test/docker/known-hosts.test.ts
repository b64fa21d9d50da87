// known_hosts read as OpenSSH reads it: the keys are made by ssh-keygen, hashed names by
// `ssh-keygen -H`, and which lines name a host is checked against `ssh-keygen -F` on the same file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHostKey, keyTypeOf, knownHostName } from '../../src/docker/engine/known-hosts';
import { need } from '../support/env';

const skip = need(spawnSync('bash', ['-c', 'command -v ssh-keygen']).status === 0 ? undefined : 'ssh-keygen not installed (Debian: apt-get install openssh-client)');

describe.skipIf(skip)('known_hosts as ssh reads it', () => {
  let dir: string;
  const keys: { type: string; b64: string; blob: Buffer }[] = [];
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ovl-known-hosts-'));
    for (const [i, t] of ['ed25519', 'ed25519', 'ecdsa'].entries()) {
      const f = path.join(dir, `k${i}`);
      expect(spawnSync('ssh-keygen', ['-q', '-t', t, '-N', '', '-f', f]).status).toBe(0);
      const [type, b64] = readFileSync(`${f}.pub`, 'utf8').split(/\s+/);
      keys.push({ type, b64, blob: Buffer.from(b64, 'base64') });
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the key type from the blob, and names a port other than 22 as ssh does', () => {
    expect(keys.map((k) => keyTypeOf(k.blob))).toEqual(keys.map((k) => k.type));
    expect([knownHostName('h.example', 22), knownHostName('10.0.0.2', 2222)]).toEqual(['h.example', '[10.0.0.2]:2222']);
  });

  it('known, changed, unknown, revoked; wildcards, negation and certificate authorities as ssh reads them', () => {
    const [a, b, c] = keys;
    const text = [
      '# comment',
      `web-*.example,!web-9.example ${a.type} ${a.b64}`,
      `[10.0.0.2]:2222 ${b.type} ${b.b64}`,
      `@cert-authority *.example ${b.type} ${b.b64}`,
      `db.example ${c.type} ${c.b64}`,
      `@revoked old.example ${a.type} ${a.b64}`,
      `old.example ${a.type} ${a.b64}`,
    ].join('\n');
    expect(checkHostKey(text, 'web-1.example', 22, a.blob).state).toBe('known');
    expect(checkHostKey(text, 'web-1.example', 22, b.blob)).toEqual({ state: 'changed', line: 2 });
    expect(checkHostKey(text, 'web-9.example', 22, a.blob).state).toBe('unknown'); // negated
    expect(checkHostKey(text, '10.0.0.2', 2222, b.blob).state).toBe('known');
    expect(checkHostKey(text, '10.0.0.2', 22, b.blob).state).toBe('unknown'); // another port is another name
    // A key of another type than the one on record is not a change of key (ssh asks about it as new).
    expect(checkHostKey(text, 'db.example', 22, a.blob).state).toBe('unknown');
    // A CA line vouches for certificates only, not for a plain key.
    expect(checkHostKey(text, 'api.example', 22, b.blob).state).toBe('unknown');
    expect(checkHostKey(text, 'old.example', 22, a.blob)).toEqual({ state: 'revoked', line: 6 });
  });

  it('hashed names (ssh-keygen -H) match the names ssh-keygen -F finds, and no other', () => {
    const [a] = keys;
    const file = path.join(dir, 'known_hosts');
    const names = ['h1.example', '[10.0.0.2]:2222', '10.0.0.3'];
    writeFileSync(file, names.map((n) => `${n} ${a.type} ${a.b64}\n`).join(''));
    expect(spawnSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' }).status).toBe(0);
    const hashed = readFileSync(file, 'utf8');
    expect(hashed.split('\n').filter(Boolean).every((l) => l.startsWith('|1|'))).toBe(true);
    for (const [host, port] of [['h1.example', 22], ['10.0.0.2', 2222], ['10.0.0.3', 22], ['10.0.0.2', 22], ['h2.example', 22]] as const) {
      const found = spawnSync('ssh-keygen', ['-F', knownHostName(host, port), '-f', file]).status === 0;
      expect(checkHostKey(hashed, host, port, a.blob).state, `${host}:${port}`).toBe(found ? 'known' : 'unknown');
    }
  });
});
