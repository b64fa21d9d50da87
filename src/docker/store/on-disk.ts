/*
 * Pure: what a container (or an image) is on disk under overlay2/, read from the host model:
 * its directories from the container's own down to the base layer, each with its `link` (its
 * l/ name), its `lower` file (the l/ names below it), and which of diff/, work/, merged/ it has;
 * and the l/ links of those directories, each pointing at ../<id>/diff. The facts behind the
 * on-disk picture; views only draw them.
 */
import type { DirRole, HostModel, LayerDir } from './model';

/** One overlay2/<id>/ directory of the stack. */
export interface OnDiskDir {
  id: string;
  /** container: the upperdir's directory; init: <id>-init; layer: an image layer (1 = base). */
  role: 'container' | 'init' | 'layer';
  /** For an image layer, its position (1 = base). */
  position?: number;
  /** The `link` file: this directory's name under l/ (undefined when the file is missing). */
  link?: string;
  /** The `lower` file, uppermost first ("l/ABC..."); empty for the base layer. */
  lower: string[];
  diff: boolean;
  work: boolean;
  merged: boolean;
  /** On disk at all (the model found the directory). */
  present: boolean;
}

/** One l/<name> symlink of the stack. */
export interface OnDiskLink {
  name: string;
  /** What it points at, e.g. "../<id>/diff". */
  target: string;
  /** The directory it resolves into. */
  dir?: string;
  broken: boolean;
}

/** A container's (or image's) directories top to bottom, and their links. */
export interface OnDiskPicture {
  storePath: string;
  /** The container's or image's name. */
  subject: string;
  kind: 'container' | 'image';
  dirs: OnDiskDir[];
  links: OnDiskLink[];
  source: HostModel['source'];
}

function dirOf(model: HostModel, id: string, role: OnDiskDir['role'], position?: number): OnDiskDir {
  const d: LayerDir | undefined = model.dirs.find((x) => x.id === id);
  return { id, role, position, link: d?.link, lower: d?.lowers ?? [], diff: !!d?.diff, work: !!d?.work, merged: !!d?.merged, present: !!d };
}

const isContainerRole = (r: DirRole, kind: 'container-layer' | 'init-layer', id: string) => r.kind === kind && r.containerId === id;

/**
 * The on-disk picture of a container (by name or id) or, failing that, of an image (by name or
 * id); undefined when the model has neither.
 * @example
 * const model = buildHostModel(simulatedHostInput());
 * onDiskPicture(model, 'demo')?.dirs.map((d) => d.role) // ['container', 'init', 'layer', 'layer', 'layer']
 */
export function onDiskPicture(model: HostModel, name: string): OnDiskPicture | undefined {
  const c = model.containers.find((x) => x.name === name || x.id.startsWith(name));
  const image = c ? model.images.find((i) => i.id === c.imageId) : model.images.find((i) => i.name === name || i.tags.includes(name) || i.id.replace(/^sha256:/, '').startsWith(name.replace(/^sha256:/, '')));
  if (!c && !image) return undefined;
  const dirs: OnDiskDir[] = [];
  if (c) {
    const own = c.mountId ?? model.dirs.find((d) => isContainerRole(d.role, 'container-layer', c.id))?.id;
    const init = c.initId ?? model.dirs.find((d) => isContainerRole(d.role, 'init-layer', c.id))?.id;
    if (own) dirs.push(dirOf(model, own, 'container'));
    if (init) dirs.push(dirOf(model, init, 'init'));
  }
  for (const l of [...(image?.layers ?? [])].reverse()) if (l.dir) dirs.push(dirOf(model, l.dir, 'layer', l.position));
  const names = new Set(dirs.flatMap((d) => (d.link ? [d.link] : [])));
  const links = model.links.filter((l) => names.has(l.name)).map((l) => ({ name: l.name, target: l.target, dir: l.dir, broken: l.broken }));
  return { storePath: model.storePath, subject: c?.name ?? image!.name, kind: c ? 'container' : 'image', dirs, links, source: model.source };
}

/** One thing found in a layer directory; `lower` carries how many layers its chain names. */
export type OnDiskPart = { kind: 'diff' | 'work' | 'merged' | 'committed' } | { kind: 'lower'; layers: number };

/** diff/ first (every layer has it), then the `lower` file, work/, merged/ and `committed`. */
export function onDiskParts(d: LayerDir): OnDiskPart[] {
  const parts: OnDiskPart[] = [];
  if (d.diff) parts.push({ kind: 'diff' });
  if (d.lowers.length) parts.push({ kind: 'lower', layers: d.lowers.length });
  if (d.work) parts.push({ kind: 'work' });
  if (d.merged) parts.push({ kind: 'merged' });
  if (d.committed) parts.push({ kind: 'committed' });
  return parts;
}
