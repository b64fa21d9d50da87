/* Pure: the provenance of one path: every layer that adds, overwrites or deletes it. */
import { OverlayLabError } from '../i18n/errors';
import type { LoadedImage } from './image';
import { entryPath, LAYER_OPAQUE_XATTR } from './layer-builder';
import { layerFacts, layerTouch, mergedFacts, mountImage, positionOf, type EntryFacts } from './stack';

/**
 * - adds: the layer has the path and nothing below showed it.
 * - overwrites: the layer has the path and hides what was below (a file written again, a
 *   directory replaced by a file, an opaque directory over the old one, ...).
 * - modifies: a directory already there, in the layer again (its metadata, or things inside it, changed).
 * - deletes: the layer hides the path: its whiteout, or a whiteout, non-directory or opaque
 *   directory at an ancestor (`via`).
 */
export type PathAction = 'adds' | 'overwrites' | 'modifies' | 'deletes';

/** One layer's part in a path's history. */
export interface PathEvent {
  position: number;
  createdBy?: string;
  action: PathAction;
  /** For deletes: the ancestor that hides the path, and how; absent when the whiteout names the path itself. */
  via?: { path: string; how: 'whiteout' | 'replaced' | 'opaque' };
  /** A whiteout for a path no layer below had (the build deleted something it made in the same step). */
  nothingBelow?: boolean;
  /** The entry the layer holds (adds, overwrites, modifies). */
  entry?: EntryFacts;
}

/** The whole history of a path, and what the merged view shows. */
export interface PathHistory {
  path: string;
  events: PathEvent[];
  /** The layer whose entry the merged view shows; undefined when the path is not visible. */
  shownBy?: number;
  merged?: EntryFacts;
}

/**
 * Every layer that adds, overwrites, modifies or deletes `path`, bottom first, and which one
 * the merged view shows. Each layer's effect is read through the engine's mount of the layers
 * up to it, so "was it visible below?" follows the kernel's lookup rules.
 * @example pathHistory(image, '/app/conf/app.conf').events.map((e) => e.action) // ['adds', 'overwrites']
 */
export function pathHistory(image: LoadedImage, path: string): PathHistory {
  const p = entryPath(path.replace(/^\/+/, ''));
  if ('unsafe' in p || p.parts.length === 0) {
    throw new OverlayLabError(
      'EUSAGE',
      { en: 'not a path inside the image: {path}', 'pt-BR': 'não é um caminho dentro da imagem: {path}' },
      { path },
      { en: 'Give an absolute path such as /etc/passwd.', 'pt-BR': 'Passe um caminho absoluto como /etc/passwd.' },
      64,
    );
  }
  const rel = p.parts.join('/');
  const events: PathEvent[] = [];
  let before = false;
  for (const layer of image.layers) {
    const k = layer.position;
    const after = !('errno' in mountImage(image, k).lstat(rel));
    const touch = layerTouch(layer.root, rel);
    const base = { position: k, createdBy: layer.createdBy };
    if (touch.kind === 'entry') {
      const entry = layerFacts(image, touch.node);
      const belowFacts = before ? mergedFacts(mountImage(image, k - 1), image, rel) : undefined;
      // An opaque directory replaces the one below (rm -rf d && mkdir d): it overwrites, not modifies.
      const opaque = touch.node.xattrText(LAYER_OPAQUE_XATTR) === 'y';
      const action: PathAction = !before ? 'adds' : entry.type === 'd' && belowFacts?.type === 'd' && !opaque ? 'modifies' : 'overwrites';
      events.push({ ...base, action, entry });
    } else if (touch.kind === 'whiteout') {
      events.push({ ...base, action: 'deletes', ...(before ? {} : { nothingBelow: true }) });
    } else if (touch.kind === 'ancestor' && before && !after) {
      events.push({ ...base, action: 'deletes', via: { path: touch.via, how: touch.how } });
    }
    before = after;
  }
  const full = mountImage(image);
  const merged = mergedFacts(full, image, rel);
  return { path: `/${rel}`, events, shownBy: merged ? positionOf(full, image.layers.length, rel) : undefined, merged };
}
