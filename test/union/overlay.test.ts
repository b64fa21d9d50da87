import { describe, expect, it } from 'vitest';
import { MOUNT_OPTIONS_MAX, OVL_MAX_STACK } from '../../src/union/config';
import { FsError } from '../../src/union/errno';
import { makeInode, type StatResult } from '../../src/union/inode';
import { Overlay } from '../../src/union/overlay';
import { PlainFs } from '../../src/union/plainfs';
import { UnionLab } from '../../src/scenario/lab';
import { narrate } from '../../src/union/events';

const layer = (files: Record<string, string>) => {
  const fs = PlainFs.empty(() => 1);
  for (const [p, c] of Object.entries(files)) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) fs.mkdir(parts.slice(0, i).join('/'), 0o755);
    fs.write(p, new TextEncoder().encode(c), { create: true, trunc: true, append: false }, 0o644);
  }
  return fs.root;
};

const mount = (lowers: Record<string, string>[], options = '') => {
  const m = Overlay.mount({ lowers: lowers.map((f, i) => ({ name: `L${i}`, root: layer(f) })), upper: makeInode('d', 0o755, 0, 0, 0), options });
  if ('refused' in m) throw new Error(m.refused.reason);
  return m.ok;
};

describe('the union mount model', () => {
  it('serves the topmost layer and copies up on write, recording the event', () => {
    const ovl = mount([{ f: 'top' }, { f: 'bottom', g: 'g' }]);
    expect(new TextDecoder().decode(ovl.read('f') as Uint8Array)).toBe('top');
    expect(ovl.whereIs('g')).toEqual({ layer: 1, metacopy: false });
    expect(ovl.write('g', new TextEncoder().encode('!'), { create: false, trunc: false, append: true }, 0)).toBeUndefined();
    expect(ovl.whereIs('g')).toMatchObject({ layer: 'upper' });
    expect(ovl.events.map((e) => e.kind)).toContain('copy-up');
  });

  it('refuses as the kernel does: more than 500 layers, a read-only mount of one layer, an option string past one page', () => {
    const many = Array.from({ length: OVL_MAX_STACK + 1 }, (_, i) => ({ name: `L${i}`, root: makeInode('d', 0o755, 0, 0, 0) }));
    expect(Overlay.mount({ lowers: many, upper: makeInode('d', 0o755, 0, 0, 0) })).toEqual({ refused: { errno: 'EINVAL', reason: 'overlayfs: too many lower directories, limit is 500' } });
    expect(Overlay.mount({ lowers: many.slice(0, 1) })).toMatchObject({ refused: { reason: /at least 2 lowerdir/ } });
    const long = `lowerdir=${'/x'.repeat(MOUNT_OPTIONS_MAX)}`;
    expect(Overlay.mount({ lowers: many.slice(0, 2), optionString: long })).toMatchObject({ refused: { reason: /mount\(2\) takes 4095/ } });
  });

  it('is read-only without an upper layer: EROFS after the checks that come first', () => {
    const m = Overlay.mount({ lowers: [{ name: 'L0', root: layer({ f: 'a' }) }, { name: 'L1', root: layer({}) }] });
    if ('refused' in m) throw new Error('mount');
    expect(m.ok.unlink('f')).toBe('EROFS');
    expect(m.ok.mkdir('f', 0o755)).toBe('EEXIST');
    expect(m.ok.write('nope', undefined, { create: false, trunc: false, append: true }, 0)).toBe('ENOENT');
  });

  it('keeps a whiteout and an opaque directory in the upper layer', () => {
    const lab = UnionLab.create({ setup: 'L0: write d/a 1\nL0: write d/b 2' });
    if ('refused' in lab) throw new Error(lab.refused);
    lab.run('rmrf d');
    lab.run('mkdir d');
    const upper = lab.view().upper!.entries;
    expect(upper.find((e) => e.path === 'd')).toMatchObject({ type: 'd', opaque: 'y' });
    expect(lab.view().merged.map((e) => e.path)).toEqual(['d']);
  });

  it('numbers inodes per mount, as each superblock does: the same stack mounted again reports the same st_ino, whatever was made in between', () => {
    const inodes = () => {
      const lab = UnionLab.create({ setup: 'L0: write a 1\nL0: ln a b\nL0: write c 2' });
      if ('refused' in lab) throw new Error(lab.refused);
      const ino = (p: string) => (lab.overlay.lstat(p) as StatResult).ino;
      const before = ino('c');
      lab.run('append c !');
      return { a: ino('a'), b: ino('b'), c: ino('c'), before };
    };
    const first = inodes();
    mount([{ x: 'made in between' }]).lstat('x');
    expect(inodes()).toEqual(first);
    expect(first.a).toBe(first.b);
    expect(first.c).not.toBe(first.a);
    // A copy-up keeps the origin's number.
    expect(first.c).toBe(first.before);
  });

  it('narrates events in both languages', () => {
    const e = { kind: 'whiteout' as const, path: 'etc/motd', reason: 'unlink' as const };
    expect(narrate(e, 'en')).toMatch(/whiteout at \/etc\/motd/);
    expect(narrate(e, 'pt-BR')).toMatch(/whiteout em \/etc\/motd/);
  });

  it('gives Node-style errors in both languages', () => {
    const err = new FsError('ENOENT', 'open', '/x');
    expect(err.message).toBe("ENOENT: no such file or directory, open '/x'");
    expect(err.localized('pt-BR')).toBe("ENOENT: arquivo ou diretório inexistente, open '/x'");
  });
});
