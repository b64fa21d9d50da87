// ~/.ssh/config read as ssh_config(5) says, against `ssh -G` (OpenSSH's own evaluation of a
// config) where OpenSSH is installed: the same HostName, User, Port and IdentityFile for the same
// files; and the rules one by one on files of the test's own.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acceptsUnknownHost, sshHostConfig, sshPattern, type ConfigFiles } from '../../src/docker/engine/ssh-config';
import { need } from '../support/env';

/** Files of the test's own: a map from absolute path to text (no system config). */
const filesOf = (m: Record<string, string>): ConfigFiles => ({
  read: (f) => m[f],
  list: (dir) => Object.keys(m).filter((f) => path.dirname(f) === dir).map((f) => path.basename(f)),
});
const env = { HOME: '/home/ana', USER: 'ana' };
const of = (host: string, config: string, more: Record<string, string> = {}) => sshHostConfig(host, env, filesOf({ '/home/ana/.ssh/config': config, ...more }));

describe('ssh patterns', () => {
  it.each([
    ['*', 'anything', true],
    ['lab-??', 'lab-07', true],
    ['lab-??', 'lab-7', false],
    ['*.lab', 'PC-07.LAB', true],
    ['10.0.0.*', '10.0.0.7', true],
    ['10.0.0.*', '10.0.1.7', false],
    ['a.b', 'axb', false],
  ])('%s against %s: %s', (p, name, want) => expect(sshPattern(p, name)).toBe(want));
});

describe('a host in ~/.ssh/config', () => {
  it('an alias: HostName, User, Port, IdentityFile (~ and tokens expanded)', () => {
    const cfg = of('lab-07', 'Host lab-07\n  HostName 10.0.0.7\n  User ana-lab\n  Port 2222\n  IdentityFile ~/.ssh/lab_%h_%r\n');
    expect(cfg).toMatchObject({ hostName: '10.0.0.7', user: 'ana-lab', port: 2222, identityFiles: ['/home/ana/.ssh/lab_10.0.0.7_ana-lab'] });
  });

  it('the first value found wins, across blocks; identity files add up; Host * after the specific block', () => {
    const cfg = of('lab-07', 'Host lab-*\n  User first\n  IdentityFile ~/.ssh/a\nHost lab-07\n  User second\n  Port 2200\n  IdentityFile ~/.ssh/b\nHost *\n  Port 22\n  User third\n');
    expect(cfg).toMatchObject({ user: 'first', port: 2200, identityFiles: ['/home/ana/.ssh/a', '/home/ana/.ssh/b'] });
  });

  it('settings before any Host apply to all; lists and negations on a Host line; keywords in any case; key=value; quotes', () => {
    const text = 'user top\nHost lab-* !lab-09 other\n  HOSTNAME="%h.example.org"\n  port=2022\nHost *\n  IdentityFile "~/.ssh/with space"\n';
    expect(of('lab-07', text)).toMatchObject({ user: 'top', hostName: 'lab-07.example.org', port: 2022, identityFiles: ['/home/ana/.ssh/with space'] });
    const nine = of('lab-09', text);
    expect([nine.user, nine.hostName, nine.port]).toEqual(['top', undefined, undefined]);
    expect(of('other', text).port).toBe(2022);
  });

  it('comments and blank lines; a port that is not one is passed over', () => {
    const x = of('x', '# a comment\n\nHost x\n  # HostName commented\n  Port 99999\n  Port 2022\n');
    expect([x.hostName, x.port]).toEqual([undefined, 2022]);
  });

  it('Include: relative to ~/.ssh, globs in sorted order, inside a Host block only when it matches', () => {
    const files = {
      '/home/ana/.ssh/config.d/10-lab': 'Host lab-07\n  HostName 10.0.0.7\n',
      '/home/ana/.ssh/config.d/20-all': 'Host *\n  User from-include\n',
      '/home/ana/.ssh/other': 'Port 2500\n',
    };
    expect(of('lab-07', 'Include config.d/*\nHost *\n  User later\n', files)).toMatchObject({ hostName: '10.0.0.7', user: 'from-include' });
    expect(of('lab-07', 'Host nope\n  Include other\nHost lab-07\n  Include ~/.ssh/other\n', files).port).toBe(2500);
    expect(of('lab-08', 'Host nope\n  Include other\n', files).port).toBeUndefined();
  });

  it('a Host line inside an included file does not outlive the include', () => {
    const files = { '/home/ana/.ssh/inc': 'Host other\n  User other\n' };
    expect(of('lab-07', 'Host lab-07\n  Include inc\n  User mine\n', files).user).toBe('mine');
  });

  it('Match blocks are passed over', () => {
    expect(of('lab-07', 'Match host lab-07\n  User matched\nHost *\n  User plain\n').user).toBe('plain');
  });

  it('UserKnownHostsFile and StrictHostKeyChecking', () => {
    expect(of('x', 'Host x\n  UserKnownHostsFile ~/.ssh/kh_lab /dev/null\n  StrictHostKeyChecking Accept-New\n')).toMatchObject({ knownHostsFiles: ['/home/ana/.ssh/kh_lab', '/dev/null'], strictHostKeyChecking: 'accept-new' });
  });

  it.each([
    ['no', true],
    ['off', true],
    ['accept-new', true],
    ['yes', false],
    ['ask', false],
    [undefined, false],
  ])('StrictHostKeyChecking %s lets an unknown host in: %s', (v, want) => {
    expect(acceptsUnknownHost(of('x', v ? `StrictHostKeyChecking ${v}\n` : ''))).toBe(want);
  });

  it('no config file: nothing set', () => {
    expect(sshHostConfig('x', env, filesOf({}))).toEqual({ identityFiles: [] });
  });
});

// OpenSSH's own evaluation: `ssh -G -F FILE HOST` prints what ssh would use. Skipped where there
// is no ssh; under CI a missing ssh is a failure (scripts/setup.sh installs openssh-client).
const sshMissing = spawnSync('ssh', ['-V'], { encoding: 'utf8' }).error ? 'ssh (OpenSSH client) not installed (apt-get install openssh-client)' : undefined;

describe.skipIf(need(sshMissing))('the same answers as ssh -G', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'ovl-ssh-config-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  mkdirSync(path.join(home, '.ssh', 'config.d'), { recursive: true });
  const config = path.join(home, '.ssh', 'config');
  writeFileSync(
    config,
    [
      `Include ${path.join(home, '.ssh', 'config.d')}/*.conf`, // absolute: ssh takes ~ from the password file, not HOME
      'Host lab-* !lab-09',
      '  HostName %h.example.org',
      '  Port 2022',
      '  IdentityFile ~/.ssh/lab_key', // -G prints it unexpanded: tokens are checked above
      'Host lab-09',
      '  HostName=10.0.0.9',
      '  User "nine"',
      'Host *',
      '  User everyone',
      '  IdentityFile ~/.ssh/id_all',
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(home, '.ssh', 'config.d', 'a.conf'), 'Host lab-07\n  User seven\n  Port 2207\n');
  const ours = (host: string) => sshHostConfig(host, { HOME: home, USER: 'ana' }, { read: (f) => (f === '/etc/ssh/ssh_config' ? undefined : filesReal(f)), list: listReal });

  for (const host of ['lab-07', 'lab-08', 'lab-09', 'elsewhere']) {
    it(host, () => {
      const r = spawnSync('ssh', ['-G', '-F', config, host], { encoding: 'utf8', env: { ...process.env, HOME: home, USER: 'ana' } });
      expect(r.status, r.stderr).toBe(0);
      const g = new Map<string, string[]>();
      for (const line of r.stdout.split('\n')) {
        const [k, ...v] = line.split(' ');
        if (k) g.set(k, [...(g.get(k) ?? []), v.join(' ')]);
      }
      const cfg = ours(host);
      expect(cfg.hostName ?? host).toBe(g.get('hostname')![0]);
      expect(cfg.user).toBe(g.get('user')![0]);
      expect(String(cfg.port ?? 22)).toBe(g.get('port')![0]);
      expect(cfg.identityFiles).toEqual((g.get('identityfile') ?? []).map((f) => f.replace(/^~/, home)));
    });
  }
});

function filesReal(f: string): string | undefined {
  try {
    return require('node:fs').readFileSync(f, 'utf8');
  } catch {
    return undefined;
  }
}
function listReal(d: string): string[] {
  try {
    return require('node:fs').readdirSync(d);
  } catch {
    return [];
  }
}
