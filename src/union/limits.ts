/*
 * Pure: every limit the material states, named once, with where it comes from. Pages, notebooks,
 * the tour and the CLI print these; none types the number. Each one is checked against the real
 * thing in test/kernel/limits.test.ts (kernel) and test/docker/limits.test.ts (dockerd).
 * Here in union/ because union is the innermost layer: the model and every view may import it.
 */

/** Lower layers one OverlayFS mount takes; the 501st is refused ("too many lower directories, limit is 500"). */
export const OVL_MAX_STACK = 500;

/** The page size the 4095 below is stated for (4 KiB: x86-64, most arm64); see kernel/page-size for this host's. */
export const PAGE_SIZE = 4096;

/**
 * Bytes of a path a system call takes, with its closing NUL (getname copies at most this
 * much): a path of 4096 bytes or more is ENAMETOOLONG before any lookup.
 */
export const PATH_MAX = 4096;

/** mount(2) copies one page of options and ends it with NUL, so longer option strings are cut. */
export const MOUNT_OPTIONS_MAX = PAGE_SIZE - 1;

/** overlay2 refuses to create a layer with more lowers below it than this ("max depth exceeded"). */
export const OVERLAY2_MAX_DEPTH = 128;

/**
 * Docker's layer store refuses a layer whose parent chain is already this deep ("max depth
 * exceeded"), so an image has at most 125 layers: 127 (what some graph drivers take) less the
 * `-init` and writable layers a container adds.
 */
export const LAYER_STORE_MAX_DEPTH = 125;

/** Lowers below a container's writable layer at most: the image's layers plus its `-init` layer. */
export const CONTAINER_MAX_LOWERS = LAYER_STORE_MAX_DEPTH + 1;

/**
 * Characters of an overlay2 short link name (`l/<name>`, base32 of random bytes). Moby chose it so
 * that 128 relative links fit in a page with room for an SELinux label:
 *   (26 + len("l") + len("/")) × 128 = 3584 ≤ 4096 − 512
 */
export const SHORT_LINK_LENGTH = 26;

/** Bytes of the page moby keeps free for an SELinux mount label in that inequality. */
export const SELINUX_LABEL_RESERVE = 512;

/** Hex digits of an overlay2 cache id (a layer's directory name: 32 random bytes, not a digest). */
export const CACHE_ID_HEX = 64;

/** One stated limit: its value and where it comes from (a file and a name anyone can look up). */
export interface Fact {
  value: number;
  source: string;
}

/**
 * The limits by the name a page uses for them (`<Fact name="kernelMaxLowers"/>`).
 * @example FACTS.layerStoreMaxDepth.value // 125
 */
export const FACTS = {
  kernelMaxLowers: { value: OVL_MAX_STACK, source: 'Linux fs/overlayfs/params.h: OVL_MAX_STACK' },
  pageSize: { value: PAGE_SIZE, source: 'Linux PAGE_SIZE with 4 KiB pages (getconf PAGESIZE)' },
  mountOptionsMax: { value: MOUNT_OPTIONS_MAX, source: 'Linux fs/namespace.c: copy_mount_options copies PAGE_SIZE, the last byte NUL' },
  overlay2MaxDepth: { value: OVERLAY2_MAX_DEPTH, source: 'moby daemon/graphdriver/overlay2/overlay.go: maxDepth' },
  layerStoreMaxDepth: { value: LAYER_STORE_MAX_DEPTH, source: 'moby layer/layer_store.go: maxLayerDepth' },
  containerMaxLowers: { value: CONTAINER_MAX_LOWERS, source: 'moby layer/layer_store.go: maxLayerDepth + the -init layer' },
  shortLinkLength: { value: SHORT_LINK_LENGTH, source: 'moby daemon/graphdriver/overlay2/overlay.go: idLength' },
  selinuxLabelReserve: { value: SELINUX_LABEL_RESERVE, source: 'moby daemon/graphdriver/overlay2/overlay.go: pageSize - 512' },
  cacheIdHex: { value: CACHE_ID_HEX, source: 'moby layer/layer_store.go: stringid.GenerateRandomID()' },
} as const satisfies Record<string, Fact>;

/** The name of a stated limit. */
export type FactName = keyof typeof FACTS;

/**
 * The value of a stated limit, or undefined for a name that is none.
 * @example factValue('mountOptionsMax') // 4095
 */
export function factValue(name: string): number | undefined {
  return Object.prototype.hasOwnProperty.call(FACTS, name) ? FACTS[name as FactName].value : undefined;
}
