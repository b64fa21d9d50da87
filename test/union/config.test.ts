import { describe, expect, it } from 'vitest';
import { allowsOfflineChanges, resolveOverlayOptions } from '../../src/union/config';

const ok = (opts: string, upper = true) => {
  const r = resolveOverlayOptions(opts, upper);
  if ('refused' in r) throw new Error(r.refused.reason);
  return r.ok;
};
const refusal = (opts: string, upper = true) => {
  const r = resolveOverlayOptions(opts, upper);
  return 'refused' in r ? r.refused.reason : undefined;
};

describe('mount options resolved as the kernel does', () => {
  it('defaults follow the module parameters: redirects followed, nothing else on', () => {
    const c = ok('');
    expect(c).toMatchObject({ redirectDir: 'follow', index: false, metacopy: false, nfsExport: false, userxattr: false, uuid: 'auto' });
    expect(allowsOfflineChanges(c)).toBe(true);
  });
  it('metacopy=on turns redirect_dir on unless redirect_dir was given', () => {
    expect(ok('metacopy=on').redirectDir).toBe('on');
    expect(refusal('metacopy=on,redirect_dir=off')).toMatch(/conflicting options: metacopy=on,redirect_dir/);
    expect(ok('redirect_dir=nofollow,metacopy=off').metacopy).toBe(false);
  });
  it('nfs_export needs index: turned on, or refused when index=off is explicit', () => {
    expect(ok('nfs_export=on').index).toBe(true);
    expect(refusal('nfs_export=on,index=off')).toBe('overlayfs: conflicting options: nfs_export=on,index=off');
    expect(refusal('nfs_export=on,metacopy=on')).toBe('overlayfs: conflicting options: nfs_export=on,metacopy=on');
  });
  it('userxattr refuses redirects and metacopy asked for, and quietly turns them off otherwise', () => {
    expect(refusal('userxattr,redirect_dir=on')).toMatch(/userxattr,redirect_dir=on/);
    expect(refusal('userxattr,metacopy=on')).toMatch(/userxattr,metacopy=on/);
    expect(ok('userxattr')).toMatchObject({ redirectDir: 'nofollow', metacopy: false });
  });
  it('index and volatile are ignored without an upper layer', () => {
    expect(ok('index=on,volatile', false)).toMatchObject({ index: false, volatile: false });
  });
  it('an unknown option or value is refused with the kernel words', () => {
    expect(refusal('bogus=1')).toBe("overlay: Unknown parameter 'bogus'");
    expect(refusal('index=maybe')).toBe("overlay: Bad value for 'index'");
    expect(refusal('verity=maybe')).toBe("overlay: Bad value for 'verity'");
    expect(refusal('verity=on')).toBeUndefined();
  });
  it('features that record lower identity forbid offline changes (new dirs become opaque)', () => {
    for (const o of ['index=on', 'metacopy=on', 'redirect_dir=on', 'xino=on']) expect(allowsOfflineChanges(ok(o)), o).toBe(false);
  });
});
