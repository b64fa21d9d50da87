/* Pure rules (plus one apply loop): what `overlay-lab cleanup` may remove, and what it must keep. */
import { localize } from '../i18n/format';
import type { Localized } from '../i18n/lang';
import type { ContainerFacts, ImageFacts } from '../docker/engine/engine';
import type { LabEngine } from './lab-engine';
import { CREATION_LABELS, HELPER_LABEL, isLabTag, LAB_LABEL, SESSION_LABEL, TEST_LABEL, TOUR_IMAGE_LABEL, TOUR_LABEL } from './lab-labels';
import { displayName } from '../docker/store/host-model';

/** Something cleanup will remove, and why it is the lab's. */
export interface CleanupTarget {
  kind: 'container' | 'image';
  id: string;
  name: string;
  why: Localized;
}

/** Something that looks like the lab's but stays, and why. */
export interface KeptThing {
  kind: 'container' | 'image';
  id: string;
  name: string;
  why: Localized;
}

/** What cleanup will do: containers first (they hold images), then images, children before bases. */
export interface CleanupPlan {
  containers: CleanupTarget[];
  images: CleanupTarget[];
  kept: KeptThing[];
}

/** Narrows a plan to one tour session (what `overlay-lab tour` removes when it ends). */
export interface CleanupScope {
  /**
   * Tour session: containers labelled io.overlay-lab.tour=<session> (the tour's own), or
   * io.overlay-lab.tour-image=<session> (the builder's step containers, which inherit it).
   */
  tourSession?: string;
  /** Helper containers whose io.overlay-lab.session starts with `<pid>-` (this process's). */
  pid?: number;
  /** Image tags the session made. */
  imageTags?: string[];
}

const WHY = {
  helper: { en: 'a helper container (normally removed at once; left by a crash)', 'pt-BR': 'um contêiner auxiliar (normalmente removido na hora; sobrou de uma falha)' },
  tour: { en: 'started by overlay-lab tour (session {value})', 'pt-BR': 'iniciado pelo overlay-lab tour (sessão {value})' },
  test: { en: "started by overlay-lab's tests", 'pt-BR': 'iniciado pelos testes do overlay-lab' },
  labImage: { en: 'built by overlay-lab (label io.overlay-lab=1, tagged only under overlay-lab/)', 'pt-BR': 'feita pelo overlay-lab (rótulo io.overlay-lab=1, só com tags em overlay-lab/)' },
  buildStep: { en: 'a step of an interrupted tour build (label io.overlay-lab.tour-image)', 'pt-BR': 'um passo de um build interrompido do tour (rótulo io.overlay-lab.tour-image)' },
  yourContainer: {
    en: 'yours: you started it from a lab image (it only inherited the image labels)',
    'pt-BR': 'seu: você o iniciou de uma imagem do laboratório (só herdou os rótulos da imagem)',
  },
  usedBy: { en: 'kept: your container {name} uses it', 'pt-BR': 'mantida: seu contêiner {name} a usa' },
  baseOf: { en: 'kept: your image {name} is built on it', 'pt-BR': 'mantida: sua imagem {name} é feita sobre ela' },
  otherTag: { en: 'kept: also tagged {tag}, outside overlay-lab/ (you claimed it)', 'pt-BR': 'mantida: tem também a tag {tag}, fora de overlay-lab/ (você a adotou)' },
} satisfies Record<string, Localized>;

/**
 * The label that shows the lab created a container: one of the creation labels with a value
 * its image does not carry (Docker copies image labels into containers, so an inherited label
 * proves nothing about who ran it).
 * @example creationLabel({ labels: { 'io.overlay-lab.helper': '1' } } as ContainerFacts, {}) // 'io.overlay-lab.helper'
 */
export function creationLabel(container: Pick<ContainerFacts, 'labels'>, imageLabels: Record<string, string>): string | undefined {
  return CREATION_LABELS.find((k) => container.labels[k] !== undefined && imageLabels[k] !== container.labels[k]);
}

/**
 * Whether an image is one the lab made: labelled io.overlay-lab=1 and tagged, every tag under
 * overlay-lab/. Untagged images are never taken: a dangling image cannot be told apart from the
 * user's build on top of a lab image.
 * @example isLabImage({ tags: ['overlay-lab/layers:1'], labels: { 'io.overlay-lab': '1' } } as ImageFacts) // true
 */
export function isLabImage(image: Pick<ImageFacts, 'tags' | 'labels'>): boolean {
  return image.labels[LAB_LABEL] === '1' && image.tags.length > 0 && image.tags.every(isLabTag);
}

/** Every ancestor id of an image through the legacy builder's `parent` links. */
function ancestors(image: ImageFacts, byId: Map<string, ImageFacts>): string[] {
  const out: string[] = [];
  for (let p = image.parent; p && !out.includes(p); p = byId.get(p)?.parent ?? '') out.push(p);
  return out;
}

/** Images that share the base's bottom layers (diff IDs) sit on it even without parent links (BuildKit). */
function builtOn(child: ImageFacts, base: ImageFacts): boolean {
  return child.id !== base.id && child.diffIds.length > base.diffIds.length && base.diffIds.every((d, i) => child.diffIds[i] === d);
}

function inScope(c: ContainerFacts, scope: CleanupScope): boolean {
  if (scope.tourSession && (c.labels[TOUR_LABEL] === scope.tourSession || c.labels[TOUR_IMAGE_LABEL] === scope.tourSession)) return true;
  if (scope.pid !== undefined && c.labels[SESSION_LABEL]?.startsWith(`${scope.pid}-`)) return true;
  return false;
}

/**
 * Decides what cleanup removes. Containers: those the lab started (a creation label not
 * inherited from the image: helpers, the tour's, the tests'). Images: the lab's (see isLabImage),
 * unless a container that stays uses one, an image that stays is built on it, or it carries a
 * tag outside overlay-lab/. With a scope, only that tour session's things.
 * @example const plan = planCleanup(await engine.images(), await engine.containers());
 */
export function planCleanup(images: ImageFacts[], containers: ContainerFacts[], scope?: CleanupScope): CleanupPlan {
  const byId = new Map(images.map((i) => [i.id, i]));
  const plan: CleanupPlan = { containers: [], images: [], kept: [] };
  const staying: ContainerFacts[] = [];
  for (const c of containers) {
    const imageLabels = byId.get(c.imageId)?.labels ?? {};
    const key = creationLabel(c, imageLabels);
    const take = scope ? inScope(c, scope) : key !== undefined;
    if (take) {
      const why =
        key === TEST_LABEL ? WHY.test : key === HELPER_LABEL || key === SESSION_LABEL ? WHY.helper : localize(WHY.tour, { value: c.labels[TOUR_LABEL] ?? c.labels[TOUR_IMAGE_LABEL] ?? '?' });
      plan.containers.push({ kind: 'container', id: c.id, name: c.name, why });
      continue;
    }
    staying.push(c);
    if (!scope && c.labels[LAB_LABEL] !== undefined) plan.kept.push({ kind: 'container', id: c.id, name: c.name, why: WHY.yourContainer });
  }
  // An interrupted tour build leaves untagged step images carrying the tour's image label:
  // they are the session's too (a user's build on a tour image would need that image, which
  // only exists during a tour), and the base cannot go while they stand on it.
  const buildLeftover = (i: ImageFacts) => i.tags.length === 0 && i.labels[TOUR_IMAGE_LABEL] !== undefined && (!scope || i.labels[TOUR_IMAGE_LABEL] === scope.tourSession);
  const candidates = images.filter(
    (i) => buildLeftover(i) || (scope ? i.tags.some((t) => scope.imageTags?.includes(t)) && isLabImage(i) : isLabImage(i)),
  );
  const removing = new Set(candidates.map((i) => i.id));
  // Keeping one image can keep its bases: repeat until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const img of candidates) {
      if (!removing.has(img.id)) continue;
      const user = staying.find((c) => c.imageId === img.id || ancestors(byId.get(c.imageId) ?? img, byId).includes(img.id));
      const child = images.find((o) => !removing.has(o.id) && o.tags.length > 0 && (ancestors(o, byId).includes(img.id) || builtOn(o, img)));
      let why: Localized | undefined;
      if (user) why = localize(WHY.usedBy, { name: user.name });
      else if (child) why = localize(WHY.baseOf, { name: displayName(child) });
      if (why) {
        removing.delete(img.id);
        plan.kept.push({ kind: 'image', id: img.id, name: displayName(img), why });
        changed = true;
      }
    }
  }
  if (!scope)
    for (const img of images) {
      const other = img.labels[LAB_LABEL] === '1' ? img.tags.find((t) => !isLabTag(t)) : undefined;
      if (other && img.tags.some(isLabTag)) plan.kept.push({ kind: 'image', id: img.id, name: displayName(img), why: localize(WHY.otherTag, { tag: other }) });
    }
  plan.images = candidates
    .filter((i) => removing.has(i.id))
    // A child goes before its base, or the engine refuses the base (it has dependent children).
    .sort((a, b) => ancestors(b, byId).length - ancestors(a, byId).length || b.diffIds.length - a.diffIds.length || displayName(a).localeCompare(displayName(b)))
    .map((i) => ({ kind: 'image', id: i.id, name: displayName(i), why: buildLeftover(i) ? WHY.buildStep : WHY.labImage }));
  plan.containers.sort((a, b) => a.name.localeCompare(b.name));
  return plan;
}

/** What applying a plan did. */
export interface CleanupOutcome {
  removed: CleanupTarget[];
  failed: { target: CleanupTarget; error: string }[];
}

/**
 * Removes a plan's containers, then its images (by id, never forced: an image something still
 * uses is refused by the engine and reported, not broken).
 * @example const outcome = await applyCleanup(connectLabEngine(), plan);
 */
export async function applyCleanup(
  engine: Pick<LabEngine, 'removeContainer' | 'removeImage'>,
  plan: Pick<CleanupPlan, 'containers' | 'images'>,
  onRemoved?: (t: CleanupTarget) => void,
): Promise<CleanupOutcome> {
  const out: CleanupOutcome = { removed: [], failed: [] };
  const one = async (t: CleanupTarget, f: () => Promise<void>) => {
    try {
      await f();
      out.removed.push(t);
      onRemoved?.(t);
    } catch (e) {
      out.failed.push({ target: t, error: (e as Error).message });
    }
  };
  await Promise.all(plan.containers.map((c) => one(c, () => engine.removeContainer(c.id))));
  for (const i of plan.images) await one(i, () => engine.removeImage(i.id));
  return out;
}

/** What `docker system prune -a` would delete on this host, split into the lab's and the user's. */
export interface PruneEstimate {
  /** Stopped containers (prune removes every one). */
  containers: { id: string; name: string; lab: boolean }[];
  /** Images no remaining container uses (prune -a removes them, tagged or not). */
  images: { id: string; name: string; lab: boolean; size: number }[];
  /** Of those, the user's own (not the lab's): what the seed's command would cost them. */
  userImages: number;
  userContainers: number;
  userBytes: number;
}

/**
 * Works out what `docker system prune -a` would remove, without running it: every stopped
 * container, then every image that no remaining (running) container uses, directly or as a
 * base. The tour shows this to explain why it never runs that command.
 * @example pruneEstimate(await engine.images(), await engine.containers()).userImages // 12
 */
export function pruneEstimate(images: ImageFacts[], containers: ContainerFacts[]): PruneEstimate {
  const byId = new Map(images.map((i) => [i.id, i]));
  const running = containers.filter((c) => c.running);
  const used = new Set<string>();
  for (const c of running) {
    used.add(c.imageId);
    const img = byId.get(c.imageId);
    if (img) for (const a of ancestors(img, byId)) used.add(a);
  }
  const parents = new Set(images.map((i) => i.parent).filter(Boolean));
  const stopped = containers.filter((c) => !c.running).map((c) => {
    const imageLabels = byId.get(c.imageId)?.labels ?? {};
    return { id: c.id, name: c.name, lab: creationLabel(c, imageLabels) !== undefined };
  });
  // Intermediate images (parents of others) go with their child; count the top-level ones.
  const gone = images
    .filter((i) => !used.has(i.id) && !parents.has(i.id))
    .map((i) => ({ id: i.id, name: displayName(i), lab: isLabImage(i), size: i.size }));
  const user = gone.filter((i) => !i.lab);
  return {
    containers: stopped,
    images: gone,
    userImages: user.length,
    userContainers: stopped.filter((c) => !c.lab).length,
    userBytes: user.reduce((s, i) => s + (i.size || 0), 0),
  };
}
