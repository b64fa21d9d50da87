/*
 * Pure: the facts behind the seed lab's two steps that the notebook replays live. `docker pull
 * ubuntu` (how many layers the image has on this host, how many directories the pull added, or
 * why no registry answered), and the seed's helper container run again without `--rm` (the
 * `<id>`/`<id>-init` pair it leaves in overlay2/, which the seed's listing leaves out).
 */
import { INIT_SUFFIX } from '../docker/store/layout';
import type { HostModel } from '../docker/store/model';
import type { SnapshotDir } from '../docker/store/snapshot';

/** Docker's default tag: `docker pull ubuntu` pulls `ubuntu:latest`. */
export const DEFAULT_TAG = 'latest';

/**
 * A reference as the engine tags it: `ubuntu` -> `ubuntu:latest`; a tag or digest is kept.
 * @example tagOf('ubuntu') // 'ubuntu:latest'
 */
export function tagOf(ref: string): string {
  const lastPart = ref.slice(ref.lastIndexOf('/') + 1);
  return lastPart.includes(':') || ref.includes('@') ? ref : `${ref}:${DEFAULT_TAG}`;
}

/** Why a pull failed, in the words a reader needs (the client's own text is kept in `detail`). */
export type PullFailure = 'no-dns' | 'unreachable' | 'timeout' | 'not-found' | 'other';

/** What `docker pull REF` did on this host. */
export interface PullOutcome {
  ref: string;
  /** The tag the engine keeps it under (ubuntu:latest). */
  tag: string;
  /** The image was on the engine before the pull. */
  wasHere: boolean;
  /** The image is on the engine after the pull. */
  isHere: boolean;
  /** Its layers (RootFS.Layers, bottom first) as the engine holds them now: the count a reader asks for. */
  layers?: number;
  /** The image's overlay2 directories that were not there before the pull: one per layer the host did not have. */
  newDirs: number;
  failure?: { kind: PullFailure; detail: string };
}

/**
 * Sorts a failed pull's message into what happened: the registry's name does not resolve (an
 * offline machine), the registry cannot be reached, the pull ran out of time, no such image.
 * @example pullFailure('dial tcp: lookup registry-1.docker.io on 10.0.0.1:53: no such host') // 'no-dns'
 */
export function pullFailure(message: string, timedOut = false): PullFailure {
  if (timedOut) return 'timeout';
  if (/no such host|server misbehaving|temporary failure in name resolution/i.test(message)) return 'no-dns';
  if (/connection refused|network is unreachable|no route to host|i\/o timeout|tls handshake timeout|context deadline exceeded/i.test(message)) return 'unreachable';
  if (/manifest unknown|not found|pull access denied|repository does not exist/i.test(message)) return 'not-found';
  return 'other';
}

/** The client's error without the parts that only name this machine's network (resolver addresses). */
function shortDetail(message: string): string {
  const line = message.split('\n').map((l) => l.trim()).find(Boolean) ?? '';
  return line
    .replace(/^Error response from daemon:\s*/, '')
    .replace(/^Get "[^"]*":\s*/, '')
    .replace(/^dial tcp:\s*/, '')
    .replace(/ on \[?[0-9a-f.:]+\]?:53(?=:)/i, '');
}

/** The images of a model with the tags they carry. */
type Images = Pick<HostModel, 'images' | 'dirs'>;

/**
 * What a pull did, read from the host before and after it and from the client's result.
 * @example pullOutcome('ubuntu', before, after, { ok: true }).layers // 1 for today's ubuntu
 */
export function pullOutcome(ref: string, before: Images, after: Images, result: { ok: boolean; message?: string; timedOut?: boolean }): PullOutcome {
  const tag = tagOf(ref);
  const find = (m: Images) => m.images.find((i) => i.tags.includes(tag) || i.name === tag);
  const now = find(after);
  const had = new Set(before.dirs.map((d) => d.id));
  const outcome: PullOutcome = {
    ref,
    tag,
    wasHere: !!find(before),
    isHere: !!now,
    layers: now?.layers.length,
    // Only the image's own layers: another container or build on the same engine meanwhile is not the pull's.
    newDirs: after.dirs.filter((d) => !had.has(d.id) && d.role.kind === 'image-layer' && !!now && d.role.usedBy.some((u) => u.imageId === now.id)).length,
  };
  if (!result.ok) outcome.failure = { kind: pullFailure(result.message ?? '', result.timedOut), detail: shortDetail(result.message ?? '') };
  return outcome;
}

/** A container's two directories in overlay2/: its writable layer `<id>` and its `<id>-init`. */
export interface ContainerPair {
  container: string;
  containerId: string;
  /** The writable layer (upperdir of its mount). */
  upper?: SnapshotDir;
  /** The init layer, between the image and the writable layer. */
  init?: SnapshotDir;
  /** The init layer is named after the writable one plus `-init`, as Docker names them. */
  twins: boolean;
}

/**
 * Groups directories that belong to containers into each container's pair.
 * @example containerPairs(compareSnapshots(before, after).added).find((p) => p.container === 'seed-helper')
 */
export function containerPairs(dirs: readonly SnapshotDir[]): ContainerPair[] {
  const byId = new Map<string, ContainerPair>();
  for (const d of dirs) {
    const r = d.role;
    if (r.kind !== 'container-layer' && r.kind !== 'init-layer') continue;
    const pair = byId.get(r.containerId) ?? { container: r.container, containerId: r.containerId, twins: false };
    if (r.kind === 'container-layer') pair.upper = d;
    else pair.init = d;
    byId.set(r.containerId, pair);
  }
  const pairs = [...byId.values()];
  for (const p of pairs) p.twins = !!p.upper && !!p.init && p.init.id === `${p.upper.id}${INIT_SUFFIX}`;
  return pairs;
}

/**
 * Which of a pair's directories a listing of overlay2/ names (the seed's `ls`, one name a line).
 * @example pairInListing(pair, 'abc\nabc-init\nl\n') // { upper: true, init: true }
 */
export function pairInListing(pair: ContainerPair, listing: string): { upper: boolean; init: boolean } {
  const names = new Set(listing.split('\n').map((l) => l.trim()));
  return { upper: !!pair.upper && names.has(pair.upper.id), init: !!pair.init && names.has(pair.init.id) };
}
