/**
 * Mount options of OverlayFS and the kernel's rules for combining them (fs/overlayfs/params.c,
 * kernel 6.x), so the model refuses what the kernel refuses and turns on what it turns on.
 */

// The kernel's limits live with the others the material states (union/limits).
export { MOUNT_OPTIONS_MAX, OVL_MAX_STACK } from './limits';
/** Longest absolute redirect the kernel writes (module parameter redirect_max); longer renames give EXDEV. */
export const REDIRECT_MAX = 256;

/** redirect_dir: off and follow follow redirects they find; only on creates them. */
export type RedirectMode = 'off' | 'follow' | 'nofollow' | 'on';
export type UuidMode = 'off' | 'null' | 'auto' | 'on';
export type XinoMode = 'off' | 'auto' | 'on';

export interface OverlayConfig {
  redirectDir: RedirectMode;
  index: boolean;
  nfsExport: boolean;
  metacopy: boolean;
  userxattr: boolean;
  volatile: boolean;
  uuid: UuidMode;
  xino: XinoMode;
  /** Whether there is an upper layer (a read-only mount has none). */
  upper: boolean;
}

export interface MountRefusal {
  errno: 'EINVAL';
  /** The kernel's own words (dmesg), for the MOUNT FAILED line. */
  reason: string;
}

/** Module defaults on our kernels (see /sys/module/overlay/parameters and PLATFORM.md). */
export const MODULE_DEFAULTS = {
  redirectDir: false,
  redirectAlwaysFollow: true,
  index: false,
  metacopy: false,
  nfsExport: false,
  xinoAuto: false,
};

const onOff = (v: string | undefined): boolean | undefined => (v === 'on' ? true : v === 'off' ? false : undefined);

/**
 * Parses the extra options of a mount and resolves them as the kernel does.
 * @example resolveOverlayOptions('metacopy=on', true) // { ok: { metacopy: true, redirectDir: 'on', ... } }
 */
export function resolveOverlayOptions(options: string, hasUpper: boolean): { ok: OverlayConfig } | { refused: MountRefusal } {
  const refuse = (reason: string) => ({ refused: { errno: 'EINVAL' as const, reason: `overlayfs: ${reason}` } });
  const c: OverlayConfig = {
    redirectDir: MODULE_DEFAULTS.redirectDir ? 'on' : MODULE_DEFAULTS.redirectAlwaysFollow ? 'follow' : 'nofollow',
    index: MODULE_DEFAULTS.index,
    nfsExport: MODULE_DEFAULTS.nfsExport,
    metacopy: MODULE_DEFAULTS.metacopy,
    userxattr: false,
    volatile: false,
    uuid: 'auto',
    xino: MODULE_DEFAULTS.xinoAuto ? 'auto' : 'off',
    upper: hasUpper,
  };
  const set = { redirect: false, index: false, nfsExport: false, metacopy: false };
  for (const opt of options.split(',').filter((o) => o !== '')) {
    const eq = opt.indexOf('=');
    const key = eq < 0 ? opt : opt.slice(0, eq);
    const value = eq < 0 ? undefined : opt.slice(eq + 1);
    const unknown = () => ({ refused: { errno: 'EINVAL' as const, reason: `overlay: Unknown parameter '${key}'` } });
    const bad = () => ({ refused: { errno: 'EINVAL' as const, reason: `overlay: Bad value for '${key}'` } });
    switch (key) {
      case 'redirect_dir':
        if (value !== 'on' && value !== 'off' && value !== 'follow' && value !== 'nofollow') return bad();
        // "off" still follows redirects when the module says redirect_always_follow.
        c.redirectDir = value === 'off' && MODULE_DEFAULTS.redirectAlwaysFollow ? 'follow' : value;
        set.redirect = true;
        break;
      case 'index':
      case 'nfs_export':
      case 'metacopy': {
        const v = onOff(value);
        if (v === undefined) return bad();
        if (key === 'index') (c.index = v), (set.index = true);
        if (key === 'nfs_export') (c.nfsExport = v), (set.nfsExport = true);
        if (key === 'metacopy') (c.metacopy = v), (set.metacopy = true);
        break;
      }
      case 'uuid':
        if (value !== 'off' && value !== 'null' && value !== 'auto' && value !== 'on') return bad();
        c.uuid = value;
        break;
      case 'xino':
        if (value !== 'off' && value !== 'auto' && value !== 'on') return bad();
        c.xino = value;
        break;
      case 'verity':
        // Accepted; measured on 6.18 it turns nothing else on (fs-verity digests are not modelled).
        if (value !== 'off' && value !== 'on' && value !== 'require') return bad();
        break;
      case 'userxattr':
      case 'volatile':
      case 'default_permissions':
        if (value !== undefined) return unknown();
        if (key === 'userxattr') c.userxattr = true;
        if (key === 'volatile') c.volatile = true;
        break;
      default:
        return unknown();
    }
  }
  // Index and volatile mean nothing without an upper layer: ignored, not refused.
  if (!c.upper) {
    c.index = false;
    set.index = false;
    c.volatile = false;
    if (c.uuid === 'on') c.uuid = 'null';
    if (c.redirectDir === 'follow') c.redirectDir = 'on';
  }
  if (c.metacopy && c.redirectDir !== 'on') {
    if (set.metacopy && set.redirect) return refuse(`conflicting options: metacopy=on,redirect_dir=${c.redirectDir}`);
    if (set.redirect) c.metacopy = false;
    else c.redirectDir = 'on';
  }
  if (c.nfsExport && !c.index) {
    if (!c.upper && c.redirectDir !== 'nofollow') c.nfsExport = false;
    else if (set.nfsExport && set.index) return refuse('conflicting options: nfs_export=on,index=off');
    else if (set.index) c.nfsExport = false;
    else c.index = true;
  }
  if (c.nfsExport && c.metacopy) {
    if (set.nfsExport && set.metacopy) return refuse('conflicting options: nfs_export=on,metacopy=on');
    if (set.metacopy) c.nfsExport = false;
    else c.metacopy = false;
  }
  if (c.userxattr) {
    if (set.redirect && c.redirectDir !== 'nofollow') return refuse(`conflicting options: userxattr,redirect_dir=${c.redirectDir}`);
    if (c.metacopy && set.metacopy) return refuse('conflicting options: userxattr,metacopy=on');
    c.redirectDir = 'nofollow';
    c.metacopy = false;
  }
  return { ok: c };
}

/** Whether the mount writes redirects (only redirect_dir=on). */
export const createsRedirects = (c: OverlayConfig) => c.redirectDir === 'on';
/** Whether lookups follow redirects found in layers. */
export const followsRedirects = (c: OverlayConfig) => c.redirectDir !== 'nofollow';
/**
 * The kernel tolerates changes made to lower layers while unmounted only when no feature
 * that records lower identity is on; otherwise new directories in merged parents are made
 * opaque so that such changes cannot leak in (ovl_allow_offline_changes).
 */
export const allowsOfflineChanges = (c: OverlayConfig) => !c.index && !c.metacopy && !createsRedirects(c) && c.xino !== 'on';
/** 'trusted.overlay.' or, with userxattr, 'user.overlay.'. */
export const xattrPrefix = (c: OverlayConfig) => (c.userxattr ? 'user.overlay.' : 'trusted.overlay.');
