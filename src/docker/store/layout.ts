/* Pure: the names Docker's overlay2 driver writes on disk, and why each exists. */

/**
 * What `/var/lib/docker/overlay2` holds (moby daemon/graphdriver/overlay2):
 *
 *   overlay2/<id>/          one directory per layer: an image layer, a container's writable
 *                           layer, or a container's `-init` layer. <id> is the cache ID
 *                           (random, 64 hex), not a content digest.
 *   overlay2/<id>/diff/     the layer's own files. For an image layer: the untarred layer;
 *                           for a container: the OverlayFS upperdir.
 *   overlay2/<id>/link      the layer's short name (26 characters), see `l/`.
 *   overlay2/<id>/lower     the short names of every layer below, top first, as
 *                           "l/AAA:l/BBB" (absent on a base layer).
 *   overlay2/<id>/work/     OverlayFS's workdir: scratch space the kernel needs on the same
 *                           file system as the upperdir to make copy-up and rename atomic.
 *   overlay2/<id>/merged/   the mount point of the union while the layer is mounted
 *                           (a running container), created on mount and removed on unmount.
 *   overlay2/<id>/committed an empty file written into a layer when a child layer is
 *                           created on top of it: from then on the layer is a parent and is
 *                           only ever mounted read-only (children depend on its bytes).
 *   overlay2/l/<short>      a symbolic link `../<id>/diff`. Mount options name lowers by
 *                           these short links instead of the long paths, so more layers fit
 *                           in the one page mount(2) accepts.
 */
export const OVERLAY2_DIR = 'overlay2';

/** The folder of short links: `l/<26 chars>` -> `../<id>/diff`. */
export const LINK_DIR = 'l';

/** File holding a layer's own short name (26 characters, no newline). */
export const LINK_FILE = 'link';

/** File holding the short links of all lower layers, "l/A:l/B", uppermost first. */
export const LOWER_FILE = 'lower';

/** Empty marker: a child layer was created on this one, so it is never written again. */
export const COMMITTED_FILE = 'committed';

/** The layer's own files; the upperdir when the layer is a container's. */
export const DIFF_DIR = 'diff';

/** OverlayFS's workdir (must be an empty directory on the upperdir's file system). */
export const WORK_DIR = 'work';

/** Mount point of the union, present only while mounted. */
export const MERGED_DIR = 'merged';

/**
 * Suffix of a container's init layer: `<mount-id>-init` sits between the image and the
 * container's writable layer and holds the mount points and files Docker bind-mounts or
 * fills in at start (/etc/hosts, /etc/resolv.conf, /etc/hostname, /dev/console, /.dockerenv),
 * so `docker commit` of the writable layer never captures them.
 */
export const INIT_SUFFIX = '-init';

/*
 * The limits of the layout, named once in union/limits with where each comes from; the old names
 * stay for the callers. ID_LENGTH: a short link name (26). MAX_DEPTH: lowers overlay2 allows below
 * one layer (128); with the layer store's LAYER_STORE_MAX_DEPTH (125) it never binds first.
 * KERNEL_MAX_LOWERS: the kernel's OVL_MAX_STACK (500). PAGE_SIZE: the page mount(2) copies
 * options into (4 KiB assumed). LABEL_RESERVE: bytes moby keeps free for an SELinux label.
 */
export {
  SHORT_LINK_LENGTH as ID_LENGTH,
  OVERLAY2_MAX_DEPTH as MAX_DEPTH,
  LAYER_STORE_MAX_DEPTH,
  OVL_MAX_STACK as KERNEL_MAX_LOWERS,
  PAGE_SIZE,
  SELINUX_LABEL_RESERVE as LABEL_RESERVE,
  CACHE_ID_HEX,
} from '../../union/limits';

/** Where the image-side metadata lives, under the Docker root. */
export const IMAGE_DIR = 'image';

/**
 * layerdb: `image/overlay2/layerdb/sha256/<chain-id>/` holds `diff` (the layer's diff ID),
 * `parent` (the chain ID below, absent for a base layer), `cache-id` (the overlay2 directory
 * name), `size` (bytes of the layer's files) and `tar-split.json.gz` (to rebuild the exact
 * tar for `docker save`/push).
 */
export const LAYERDB_DIR = 'layerdb';

/** Files in a layerdb entry. */
export const LAYERDB_FILES = { diff: 'diff', parent: 'parent', cacheId: 'cache-id', size: 'size' } as const;

/**
 * layerdb/mounts/<container-id>/ holds `mount-id` (the writable layer's directory), `init-id`
 * (its `-init` layer) and `parent` (the chain ID of the image's top layer).
 */
export const MOUNTS_DIR = 'mounts';

/** Files in a layerdb mount entry. */
export const MOUNT_FILES = { mountId: 'mount-id', initId: 'init-id', parent: 'parent' } as const;

/** A whiteout on disk: a character device with device number 0/0 (major 0, minor 0). */
export const WHITEOUT_RDEV = 0;

/** The xattr marking an opaque directory ("y"): lower directories of that name are hidden. */
export const OPAQUE_XATTR = 'trusted.overlay.opaque';

/**
 * The path of a layer's diff directory relative to the store: `<id>/diff`.
 * @example diffPathOf('0a83b4') // '0a83b4/diff'
 */
export function diffPathOf(id: string): string {
  return `${id}/${DIFF_DIR}`;
}

/**
 * The layer id of a diff directory's path, the inverse of diffPathOf: `<id>/diff`, an absolute
 * `<store>/<id>/diff`, or a short link's target `../<id>/diff` (a trailing slash allowed).
 * @example layerIdOfDiff('../0a83b4/diff') // '0a83b4'
 */
export function layerIdOfDiff(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const parts = path.replace(/\/+$/, '').split('/');
  if (parts.length < 2 || parts[parts.length - 1] !== DIFF_DIR) return undefined;
  const id = parts[parts.length - 2];
  return id && id !== '..' && id !== '.' ? id : undefined;
}
