/* Pure: why overlay2 needs `l/` short links, as arithmetic on the mount option string. */
import { CACHE_ID_HEX, ID_LENGTH, KERNEL_MAX_LOWERS, LABEL_RESERVE, LAYER_STORE_MAX_DEPTH, LINK_DIR, MAX_DEPTH, PAGE_SIZE } from './layout';

/** The three ways a list of lowers can be spelled in `lowerdir=`. */
export type LowerSpelling = 'full-diff-paths' | 'absolute-short-links' | 'relative-short-links';

/** How many lowers fit in one page for one spelling, and how long each entry is. */
export interface SpellingCapacity {
  spelling: LowerSpelling;
  /** Characters one lower takes, including its ':' separator. */
  perLayer: number;
  /** Lowers that fit before the option string passes pageSize - 1 characters. */
  fits: number;
}

/** The arithmetic behind Docker's 128-layer limit, against the kernel's 500. */
export interface LayerLimitArithmetic {
  pageSize: number;
  /** mount(2) accepts at most pageSize - 1 characters of options (the page ends with NUL). */
  maxOptionChars: number;
  /** Moby's inequality: (idLength + len("l") + 1) * maxDepth <= pageSize - 512. */
  mobyBudget: { left: number; right: number; holds: boolean };
  /** overlay2's limit of lowers below one layer (128). */
  dockerMaxDepth: number;
  /** The layer store's limit of layers in one image (125): the one a build or load meets first. */
  layerStoreMaxDepth: number;
  kernelMaxLowers: number;
  capacities: SpellingCapacity[];
}

/** Length of `lowerdir=<lowers joined by :>,upperdir=<upper>,workdir=<work>` (what Docker passes). */
function optionLength(lowers: string[], upper?: string, work?: string): number {
  let n = 'lowerdir='.length + lowers.reduce((sum, l) => sum + l.length, 0) + Math.max(0, lowers.length - 1);
  if (upper !== undefined) n += ',upperdir='.length + upper.length;
  if (work !== undefined) n += ',workdir='.length + work.length;
  return n;
}

/**
 * The option string Docker hands to mount(2) for a container's union.
 * @example overlayOptions(['/x/l/A', '/x/l/B'], '/x/c/diff', '/x/c/work')
 * // 'lowerdir=/x/l/A:/x/l/B,upperdir=/x/c/diff,workdir=/x/c/work'
 */
export function overlayOptions(lowers: string[], upper: string, work: string): string {
  return `lowerdir=${lowers.join(':')},upperdir=${upper},workdir=${work}`;
}

/**
 * Works out, for a Docker root, how many lowers each spelling fits in one page, and checks
 * moby's inequality. A 64-hex layer id is assumed, as Docker makes them.
 * @example layerLimitArithmetic('/var/lib/docker').capacities[2].fits // 135 relative short links
 */
export function layerLimitArithmetic(dockerRoot: string, pageSize = PAGE_SIZE): LayerLimitArithmetic {
  const store = `${dockerRoot.replace(/\/+$/, '')}/overlay2`;
  const id = 'x'.repeat(CACHE_ID_HEX);
  const short = 'X'.repeat(ID_LENGTH);
  const maxOptionChars = pageSize - 1;
  const spell: Record<LowerSpelling, { lower: string; upper: string; work: string }> = {
    'full-diff-paths': { lower: `${store}/${id}/diff`, upper: `${store}/${id}/diff`, work: `${store}/${id}/work` },
    'absolute-short-links': { lower: `${store}/${LINK_DIR}/${short}`, upper: `${store}/${id}/diff`, work: `${store}/${id}/work` },
    // The fallback moby takes when even that is too long: chdir into the store, relative names.
    'relative-short-links': { lower: `${LINK_DIR}/${short}`, upper: `${id}/diff`, work: `${id}/work` },
  };
  const capacities = (Object.keys(spell) as LowerSpelling[]).map((spelling) => {
    const s = spell[spelling];
    let fits = 0;
    while (optionLength(Array(fits + 1).fill(s.lower), s.upper, s.work) <= maxOptionChars) fits++;
    return { spelling, perLayer: s.lower.length + 1, fits };
  });
  const left = (ID_LENGTH + LINK_DIR.length + 1) * MAX_DEPTH;
  const right = pageSize - LABEL_RESERVE;
  return {
    pageSize,
    maxOptionChars,
    mobyBudget: { left, right, holds: left <= right },
    dockerMaxDepth: MAX_DEPTH,
    layerStoreMaxDepth: LAYER_STORE_MAX_DEPTH,
    kernelMaxLowers: KERNEL_MAX_LOWERS,
    capacities,
  };
}

/** A real mount's option string measured against the page. */
export interface OptionBudget {
  /** Characters of `lowerdir=...,upperdir=...,workdir=...`. */
  length: number;
  maxOptionChars: number;
  /** Share of the page used, 0..1+. */
  used: number;
  /** What the same mount would need with full `<id>/diff` paths instead of `l/` links. */
  lengthWithFullPaths: number;
  fitsWithFullPaths: boolean;
}

/**
 * Measures a mount's options, and what they would cost without short links.
 * @example optionBudget(['/var/lib/docker/overlay2/l/AAA'], ['/var/lib/docker/overlay2/abc/diff'], '/u', '/w')
 */
export function optionBudget(
  lowers: string[],
  lowerDiffPaths: string[],
  upper: string,
  work: string,
  pageSize = PAGE_SIZE,
): OptionBudget {
  const length = optionLength(lowers, upper, work);
  const lengthWithFullPaths = optionLength(lowerDiffPaths, upper, work);
  const maxOptionChars = pageSize - 1;
  return {
    length,
    maxOptionChars,
    used: length / pageSize,
    lengthWithFullPaths,
    fitsWithFullPaths: lengthWithFullPaths <= maxOptionChars,
  };
}
