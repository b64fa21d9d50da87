/*
 * Pure: the on-disk picture of a container or an image under overlay2/: each l/<short> link
 * above the overlay2/<id>/ directory it points into (../<id>/diff), each directory with its link,
 * its lower chain and its diff/, work/, merged/. Pairs in reading order, three to a row, so the
 * picture is about 760 px wide at 16 px text whatever the depth.
 */
import { say } from '../i18n/format';
import type { Lang } from '../i18n/lang';
import type { OnDiskDir, OnDiskPicture } from '../docker/store/on-disk';

/** How much of a deep stack the picture shows. */
export interface MermaidOnDiskOptions {
  /** Most directories (default 6): a deeper stack keeps its top ones and its base, and says how many it left out. */
  maxDirs?: number;
  /** Link-over-directory pairs side by side (default 3). */
  perRow?: number;
}

export const MERMAID_ON_DISK_CLASSES: Record<string, string> = {
  container: 'fill:#fef3c7,stroke:#b45309,color:#3b2300',
  init: 'fill:#f1f5f9,stroke:#64748b,color:#0f172a',
  layer: 'fill:#e0f2fe,stroke:#0369a1,color:#082f49',
  link: 'fill:#dcfce7,stroke:#15803d,color:#052e16',
  broken: 'fill:#fee2e2,stroke:#b91c1c,color:#450a0a',
  gap: 'fill:#f1f5f9,stroke:#64748b,color:#0f172a,stroke-dasharray:4 3',
  head: 'fill:none,stroke:none',
};

const T = {
  links: { 'pt-BR': 'l/ (links curtos)', en: 'l/ (short links)' },
  dirs: { 'pt-BR': '{store}/', en: '{store}/' },
  container: { 'pt-BR': 'upperdir de {name}', en: '{name}’s upperdir' },
  init: { 'pt-BR': '-init de {name}', en: '{name}’s -init' },
  layer: { 'pt-BR': 'camada {pos}', en: 'layer {pos}' },
  base: { 'pt-BR': 'camada {pos} (base)', en: 'layer {pos} (base)' },
  noLower: { 'pt-BR': 'sem lower (base)', en: 'no lower (base)' },
  lower: { 'pt-BR': 'lower: {first}{more}', en: 'lower: {first}{more}' },
  more: { 'pt-BR': ' +{n}', en: ' +{n}' },
  noLink: { 'pt-BR': 'sem arquivo link', en: 'no link file' },
  missing: { 'pt-BR': '(diretório ausente)', en: '(directory missing)' },
  broken: { 'pt-BR': '✗ quebrado', en: '✗ broken' },
  gap: { 'pt-BR': '… {n, plural, one {# camada} other {# camadas}} …', en: '… {n, plural, one {# layer} other {# layers}} …' },
} as const;

/** Mermaid labels are quoted strings: a double quote must be an entity. */
const esc = (s: string) => s.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
/** Ids cut as `docker` cuts them (12), links to the same length: the tables beside the picture have them whole. */
const cut = (s: string) => (s.length > 12 ? `${s.slice(0, 12)}…` : s);
const shortId = (id: string) => `${id.slice(0, 12)}${id.endsWith('-init') ? '-init' : ''}`;

function dirLines(d: OnDiskDir, p: OnDiskPicture, lang: Lang): string[] {
  const role =
    d.role === 'container' ? say(T.container, lang, { name: p.subject })
    : d.role === 'init' ? say(T.init, lang, { name: p.subject })
    : say(d.lower.length === 0 ? T.base : T.layer, lang, { pos: d.position ?? '?' });
  if (!d.present) return [`${shortId(d.id)}/`, role, say(T.missing, lang)];
  const subdirs = [d.diff && 'diff/', d.work && 'work/', d.merged && 'merged/'].filter(Boolean).join(' ');
  const lower = d.lower.length
    ? say(T.lower, lang, { first: cut(d.lower[0]), more: d.lower.length > 1 ? say(T.more, lang, { n: d.lower.length - 1 }) : '' })
    : say(T.noLower, lang);
  return [`${shortId(d.id)}/`, role, d.link ? `link: ${cut(d.link)}` : say(T.noLink, lang), lower, subdirs];
}

/** The directories drawn: a deep stack keeps its first max-1 and its base, with a gap between. */
function shownDirs(dirs: OnDiskDir[], max: number): (OnDiskDir | { gap: number })[] {
  if (dirs.length <= max) return dirs;
  return [...dirs.slice(0, max - 2), { gap: dirs.length - (max - 1) }, dirs[dirs.length - 1]];
}

/**
 * The on-disk picture as a Mermaid flowchart, left to right: the l/ links, then the directories
 * they point into (container, -init, image layers top to bottom). A directory's `lower` names the
 * l/ links below it, uppermost first; the arrow from each link is its `../<id>/diff`.
 * @example
 * const model = buildHostModel(simulatedHostInput());
 * mermaidOnDisk(onDiskPicture(model, 'web')!, 'en').includes('l/ (short links)') // true
 */
export function mermaidOnDisk(p: OnDiskPicture, lang: Lang, opts: MermaidOnDiskOptions = {}): string {
  const out = ['---', 'config:', '  flowchart:', '    rankSpacing: 30', '    nodeSpacing: 24', '---', 'flowchart TB'];
  const perRow = Math.max(1, opts.perRow ?? 3);
  const items = shownDirs(p.dirs, Math.max(3, opts.maxDirs ?? 6));
  const linkOf = new Map(p.links.map((l) => [l.name, l]));
  const dirNodes: string[] = [];
  const linkNodes: string[] = [];
  const edges: string[] = [];
  items.forEach((d, i) => {
    if ('gap' in d) {
      linkNodes.push(`  k${i}["…"]:::gap`);
      dirNodes.push(`  d${i}["${esc(say(T.gap, lang, { n: d.gap }))}"]:::gap`);
      edges.push(`  k${i} ~~~ d${i}`);
      return;
    }
    dirNodes.push(`  d${i}["${dirLines(d, p, lang).map(esc).join('<br/>')}"]:::${d.role}`);
    const l = d.link ? linkOf.get(d.link) : undefined;
    if (!d.link) {
      linkNodes.push(`  k${i}[" "]:::gap`);
      edges.push(`  k${i} ~~~ d${i}`);
      return;
    }
    const target = l?.target ?? `../${d.id}/diff`;
    const text = [`l/${cut(d.link)}`, `→ ${target.replace(d.id, shortId(d.id))}`, ...(l?.broken ? [say(T.broken, lang)] : [])];
    linkNodes.push(`  k${i}["${text.map(esc).join('<br/>')}"]:::${l?.broken ? 'broken' : 'link'}`);
    edges.push(`  k${i} --> d${i}`);
  });
  // No frames: an arrow out of a frame makes Mermaid drop the frame's direction. The store's path
  // heads the picture instead; an invisible link puts each row of pairs under the one before.
  out.push(`  store["${esc(say(T.dirs, lang, { store: p.storePath }))} · ${esc(say(T.links, lang))}"]:::head`);
  for (let i = 0; i < Math.min(perRow, items.length); i++) edges.push(`  store ~~~ k${i}`);
  for (let i = perRow; i < items.length; i++) edges.push(`  d${i - perRow} ~~~ k${i}`);
  out.push(...linkNodes, ...dirNodes, ...edges);
  for (const [name, style] of Object.entries(MERMAID_ON_DISK_CLASSES)) out.push(`  classDef ${name} ${style}`);
  return out.join('\n') + '\n';
}
