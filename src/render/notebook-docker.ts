/* Notebook views of a Docker host's overlay2 store (live or simulated). Words and markup only. */
import type { ContainerView, ImageView, LoadedHost } from '../docker/inspect';
import { countChanges } from '../docker/store/changes';
import { INIT_LAYER_WHY } from '../docker/store/init-layer';
import { CACHE_ID_HEX, ID_LENGTH, LABEL_RESERVE, LINK_DIR } from '../docker/store/layout';
import type { DirRole, HostModel } from '../docker/store/model';
import { roleCounts } from '../docker/store/role-counts';
import type { LayerLimitArithmetic } from '../docker/store/mount-limits';
import type { SnapshotDiff, SnapshotDir, StoreSnapshot } from '../docker/store/snapshot';
import { formatBytes, formatNumber, formatPercent, say } from '../i18n/format';
import type { Lang } from '../i18n/lang';
import { mermaidColumn, mermaidStack, type StackBox } from './mermaid-stack';
import { MERMAID_LAB_CLASSES } from './mermaid-lab';
import { htmlCode, escapeHtml, joinBundles, mermaidBundle, noteBundle, htmlRaw, tableBundle, type DisplayBundle, type HtmlCell } from './notebook-html';
import { changeCountsText, counted, hostHeader, listingOrder, onDiskText, roleCountsText, roleText, shortDir, T as WORDS } from './overlay2-text';

const T = {
  lsCaption: {
    en: '$ ls {store}   ({n, plural, one {# entry} other {# entries}}, as the seed lab lists them: names only)',
    'pt-BR': '$ ls {store}   ({n, plural, one {# entrada} other {# entradas}}, como o laboratório original lista: só nomes)',
  },
  storeHead: { en: 'dir|l/ link|owner and role|size|on disk', 'pt-BR': 'dir|link l/|dono e papel|tamanho|no disco' },
  storeSummary: { en: '{dirs}: {roles}; plus l/ with {links}', 'pt-BR': '{dirs}: {roles}; mais l/ com {links}' },
  notOverlay2: { en: 'This engine does not keep an overlay2 store ({kind}, driver {driver}): {text}', 'pt-BR': 'Este engine não usa um armazenamento overlay2 ({kind}, driver {driver}): {text}' },
  diffSummary: {
    en: '{added, plural, one {# new directory} other {# new directories}}: {roles}; {removed} removed',
    'pt-BR': '{added, plural, =0 {0 diretórios novos} one {# diretório novo} other {# diretórios novos}}: {roles}; {removed, plural, =0 {0 removidos} one {# removido} other {# removidos}}',
  },
  others: {
    en: '{n, plural, one {# other new directory belongs} other {# other new directories belong}} to other activity on this engine (not this notebook).',
    'pt-BR': '{n, plural, one {# outro diretório novo pertence} other {# outros diretórios novos pertencem}} a outra atividade neste engine (não a este notebook).',
  },
  mine: { en: 'Made by this notebook: {what}. Rows highlighted.', 'pt-BR': 'Criado por este notebook: {what}. Linhas destacadas.' },
  mineLayers: { en: '{layers, plural, one {# layer} other {# layers}} of {images}', 'pt-BR': '{layers, plural, one {# camada} other {# camadas}} de {images}' },
  mineDirs: {
    en: '{cdirs, plural, one {# directory} other {# directories}} of container {containers}',
    'pt-BR': '{cdirs, plural, one {# diretório} other {# diretórios}} do contêiner {containers}',
  },
  mineNothing: { en: 'nothing', 'pt-BR': 'nada' },
  diffHead: { en: 'change|dir|owner and role|size', 'pt-BR': 'mudança|dir|dono e papel|tamanho' },
  new: { en: 'new', 'pt-BR': 'novo' },
  gone: { en: 'removed', 'pt-BR': 'removido' },
  nothing: { en: 'No directory appeared or disappeared.', 'pt-BR': 'Nenhum diretório apareceu ou sumiu.' },
  mountTitle: { en: 'Container {name}: its overlay mount, {source}', 'pt-BR': 'Contêiner {name}: sua montagem overlay, {source}' },
  fromMountinfo: { en: "read from the kernel's mount table (mountinfo)", 'pt-BR': 'lida da tabela de montagens do kernel (mountinfo)' },
  computed: { en: 'rebuilt from the lower and link files: this access way cannot see the mount table', 'pt-BR': 'reconstruída dos arquivos lower e link: este modo de acesso não vê a tabela de montagens' },
  notRunning: { en: 'Container {name} is not running: no mount, merged/ is empty.', 'pt-BR': 'O contêiner {name} não está rodando: sem montagem, merged/ vazio.' },
  mountHead: { en: 'option|as written in the mount|directory|what it is', 'pt-BR': 'opção|como está na montagem|diretório|o que é' },
  merged: { en: 'the union: what the container sees as /', 'pt-BR': 'a união: o que o contêiner vê como /' },
  upper: { en: 'writable layer: copy-ups, new files, whiteouts', 'pt-BR': 'camada gravável: copy-ups, arquivos novos, whiteouts' },
  work: { en: "the kernel's scratch space for atomic copy-up (same file system as upperdir)", 'pt-BR': 'área de rascunho do kernel para o copy-up atômico (mesmo sistema de arquivos do upperdir)' },
  lowerInit: { en: 'lowerdir {n} (top): -init layer: {why}', 'pt-BR': 'lowerdir {n} (topo): camada -init: {why}' },
  initShort: { en: 'mount points and placeholders', 'pt-BR': 'pontos de montagem e marcadores' },
  lowerImage: { en: 'lowerdir {n}: {role}', 'pt-BR': 'lowerdir {n}: {role}' },
  budget: {
    en: 'Option string: {len} of {max} bytes ({pct} of one page). Spelled with full <id>/diff paths it would take {full} bytes{over}.',
    'pt-BR': 'String de opções: {len} de {max} bytes ({pct} de uma página). Com caminhos <id>/diff completos ocuparia {full} bytes{over}.',
  },
  over: { en: ': more than one page', 'pt-BR': ': mais de uma página' },
  changes: { en: 'Changes in its upperdir: {changes}', 'pt-BR': 'Mudanças no upperdir: {changes}' },
  changeHead: { en: 'change|path|size|hides or copies from', 'pt-BR': 'mudança|caminho|tamanho|esconde ou copia de' },
  initHead: { en: 'path in the -init layer|why Docker puts it there', 'pt-BR': 'caminho na camada -init|por que o Docker o coloca ali' },
  diagramMerged: { en: 'merged: {path}', 'pt-BR': 'merged: {path}' },
  diagramUpper: { en: 'upperdir: {dir}/diff (+ workdir {dir}/work)', 'pt-BR': 'upperdir: {dir}/diff (+ workdir {dir}/work)' },
  diagramLower: { en: 'lowerdir {n}: {link}', 'pt-BR': 'lowerdir {n}: {link}' },
  diagramGroup: { en: 'lowerdir (read-only), top first', 'pt-BR': 'lowerdir (somente leitura), o de cima primeiro' },
  limitHead: { en: 'how a lower is spelled|bytes per lower (with ":")|lowers that fit in one page', 'pt-BR': 'como cada lowerdir é escrito|bytes por lowerdir (com ":")|lowerdirs que cabem numa página' },
  spelling: {
    'full-diff-paths': { en: `full path …/overlay2/<${formatNumber(CACHE_ID_HEX, 'en')}-hex id>/diff`, 'pt-BR': `caminho completo …/overlay2/<id de ${formatNumber(CACHE_ID_HEX, 'pt-BR')} hex>/diff` },
    'absolute-short-links': { en: `short link …/overlay2/l/<${formatNumber(ID_LENGTH, 'en')} chars>`, 'pt-BR': `link curto …/overlay2/l/<${formatNumber(ID_LENGTH, 'pt-BR')} caracteres>` },
    'relative-short-links': {
      en: `relative l/<${formatNumber(ID_LENGTH, 'en')} chars> (after chdir into overlay2/)`,
      'pt-BR': `relativo l/<${formatNumber(ID_LENGTH, 'pt-BR')} caracteres> (depois de chdir para overlay2/)`,
    },
  },
  limitText: {
    en: 'mount(2) copies at most one page of options: {max} bytes ({page} with 4 KiB pages, minus the closing NUL). The overlay2 driver allows at most {depth} lowers below a layer because ({id} + len("l") + 1) × {depth} = {left} ≤ {page} − {reserve} = {right}: the relative short links of {depth} layers always fit, with room to spare for upperdir, workdir and an SELinux label. Docker’s layer store stops an image sooner, at {store} layers; the kernel itself accepts up to {kernel} lower layers.',
    'pt-BR': 'O mount(2) copia no máximo uma página de opções: {max} bytes ({page} com páginas de 4 KiB, menos o NUL final). O driver overlay2 aceita no máximo {depth} camadas abaixo de uma camada porque ({id} + len("l") + 1) × {depth} = {left} ≤ {page} − {reserve} = {right}: os links curtos relativos de {depth} camadas sempre cabem, com folga para upperdir, workdir e um rótulo do SELinux. O armazenamento de camadas do Docker para uma imagem antes, em {store} camadas; o kernel aceita até {kernel} camadas inferiores.',
  },
  leftOk: {
    en: 'Cleanup complete: {n, plural, =0 {this notebook made no directory} one {the directory this notebook made is gone} other {none of the # directories this notebook made is left}}; nothing else was touched.',
    'pt-BR': 'Limpeza completa: {n, plural, =0 {este notebook não criou diretórios} one {o diretório que este notebook criou não está mais lá} other {nenhum dos # diretórios que este notebook criou ficou}}; nada mais foi tocado.',
  },
  leftBad: {
    en: '{left, plural, one {# of the {n} directories this notebook made is still there} other {# of the {n} directories this notebook made are still there}}: {ids}',
    'pt-BR': '{left, plural, one {# dos {n} diretórios que este notebook criou ainda está lá} other {# dos {n} diretórios que este notebook criou ainda estão lá}}: {ids}',
  },
  more: { en: '… and {n} more', 'pt-BR': '… e mais {n}' },
  moreRows: {
    en: '… and {n, plural, one {# more directory} other {# more directories}} (all of them are in model.dirs).',
    'pt-BR': '… e mais {n, plural, one {# diretório} other {# diretórios}} (todos estão em model.dirs).',
  },
  linksHead: { en: 'l/ link|points at|directory|its link file names it back', 'pt-BR': 'link l/|aponta para|diretório|o arquivo link do diretório traz este nome' },
  linksOk: {
    en: '{n, plural, one {# short link: it points} other {# short links: every one points}} at ../<id>/diff of a directory whose link file names it back.',
    'pt-BR': '{n, plural, one {# link curto: aponta} other {# links curtos: cada um aponta}} para ../<id>/diff de um diretório, e o arquivo link desse diretório traz o nome do link.',
  },
  linksBad: {
    en: '{bad, plural, one {# of {n} short links is broken or does not round-trip (marked)} other {# of {n} short links are broken or do not round-trip (marked)}}.',
    'pt-BR': '{bad, plural, one {# de {n} links curtos está quebrado ou não bate com o arquivo link do diretório (marcado)} other {# de {n} links curtos estão quebrados ou não batem com o arquivo link do diretório (marcados)}}.',
  },
  yes: { en: 'yes', 'pt-BR': 'sim' },
  no: { en: 'NO', 'pt-BR': 'NÃO' },
  broken: { en: 'BROKEN', 'pt-BR': 'QUEBRADO' },
  simArrival: {
    en: 'No engine here, so nothing can arrive: on the simulated host, these are the directories a pull of {image} adds, one per layer ({n}).',
    'pt-BR': 'Sem engine aqui, nada pode chegar: no host simulado, estes são os diretórios que um pull de {image} acrescenta, um por camada ({n}).',
  },
  simRun: {
    en: 'No engine here, so no container can start: on the simulated host, container {name} shows the two directories every container adds (writable and -init), which are not image layers.',
    'pt-BR': 'Sem engine aqui, nenhum contêiner pode ser iniciado: no host simulado, o contêiner {name} mostra os dois diretórios que todo contêiner acrescenta (gravável e -init), que não são camadas de imagem.',
  },
  simCleanup: { en: 'No engine here: this notebook made nothing, so there is nothing to remove.', 'pt-BR': 'Sem engine aqui: este notebook não criou nada, então não há o que remover.' },
  beforeKept: {
    en: 'Of the {n, plural, one {# directory} other {# directories}} that were there before the notebook started, {kept, plural, one {# is} other {# are}} still there.',
    'pt-BR': '{n, plural, one {Do # diretório que existia} other {Dos # diretórios que existiam}} antes de o notebook começar, {kept, plural, =0 {nenhum continua lá} one {# continua lá} other {# continuam lá}}.',
  },
  imageTitle: { en: 'Image {name}: {n, plural, one {# layer} other {# layers}}, top to bottom', 'pt-BR': 'Imagem {name}: {n, plural, one {# camada} other {# camadas}}, de cima para baixo' },
  imageHead: { en: 'layer|dir|l/ link|size|adds ~changes -deletes ■opaque|also used by', 'pt-BR': 'camada|dir|link l/|tamanho|adic ~muda -apaga ■opaco|também usada por' },
  notInLayerdb: { en: '(not in layerdb)', 'pt-BR': '(fora do layerdb)' },
};

/**
 * Where the facts come from, as the first output of every live cell: a live engine, or the
 * SIMULATED host and why. Metadata { source: 'live' | 'simulated' } lets tests tell them apart.
 * @example display(hostSourceBundle(await inspectHost({ simulated: 'fallback' }), 'en'));
 */
export function hostSourceBundle(loaded: LoadedHost, lang: Lang): DisplayBundle {
  const { model } = loaded;
  const text = hostHeader(model, lang, loaded.simulatedBecause?.render(lang));
  const note = loaded.accessNote ? ` ${loaded.accessNote[lang]}` : '';
  const because: Record<string, string> = loaded.simulatedBecause ? { because: loaded.simulatedBecause.render('en'), becausePt: loaded.simulatedBecause.render('pt-BR') } : {};
  return { ...noteBundle(text + note, model.source === 'live' ? 'ok' : 'warn'), meta: { source: model.source, ...because } };
}

/** `ls` order: bytewise, as `ls` sorts in the C locale. */
const bytewise = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The store as the seed lab shows it (`ls /var/lib/docker/overlay2`): bare names, nothing said.
 * @example display(seedListingBundle(model, 'pt-BR'));
 */
export function seedListingBundle(model: HostModel, lang: Lang, max = 40): DisplayBundle {
  const names = [...model.dirs.map((d) => d.id), LINK_DIR].sort(bytewise);
  const caption = say(T.lsCaption, lang, { store: model.storePath, n: names.length });
  const shown = names.length > max ? [...names.slice(0, max), say(T.more, lang, { n: names.length - max })] : names;
  return {
    'text/html': `<div><code>${escapeHtml(caption)}</code></div><pre style="font-size:0.8em">${escapeHtml(shown.join('\n'))}</pre>`,
    'text/plain': `${caption}\n${shown.join('\n')}\n`,
    meta: { source: model.source, entries: names.length },
  };
}


/** What a notebook made: images and containers by name, so their rows can be told apart. */
export interface MadeHere {
  images?: string[];
  containers?: string[];
}

/**
 * Whether a directory's owner is one of the images or containers a notebook made.
 * @example madeHere({ kind: 'init-layer', containerId: 'c', container: 'nb-run' }, { containers: ['nb-run'] }) // true
 */
export function madeHere(role: DirRole, mine: MadeHere): boolean {
  if (role.kind === 'image-layer') return role.usedBy.some((u) => (mine.images ?? []).includes(u.image));
  if (role.kind === 'container-layer' || role.kind === 'init-layer') return (mine.containers ?? []).includes(role.container);
  return false;
}

/**
 * The same store annotated: every directory with its short link, owner and role, size and
 * what it holds on disk, then the count by role.
 * @example display(annotatedStoreBundle(model, 'en'));
 */
export function annotatedStoreBundle(model: HostModel, lang: Lang, mine: MadeHere = {}, max = 40): DisplayBundle {
  if (model.store.kind !== 'overlay2') {
    return noteBundle(say(T.notOverlay2, lang, { kind: model.store.kind, driver: model.store.driver, text: say(model.store.cannotSee, lang, { driver: model.store.driver }) }), 'warn');
  }
  const all = [...model.dirs].sort((a, b) => listingOrder(a).localeCompare(listingOrder(b)));
  const dirs = all.slice(0, max);
  const counts = roleCounts(model.dirs);
  const summary = say(T.storeSummary, lang, { dirs: counted('dirs', model.dirs.length, lang), roles: roleCountsText(counts, lang), links: counted('links', model.links.length, lang) });
  const rows: HtmlCell[][] = dirs.map((d) => [htmlCode(shortDir(d.id)), d.link ? htmlCode(d.link) : '-', roleText(d.role, lang), formatBytes(d.bytes, lang), onDiskText(d)]);
  const table = tableBundle(say(T.storeHead, lang).split('|'), rows, { right: [3], rowClass: dirs.map((d) => (madeHere(d.role, mine) ? 'mine' : undefined)) });
  const parts = [noteBundle(summary), table];
  if (all.length > dirs.length) parts.push(noteBundle(say(T.moreRows, lang, { n: all.length - dirs.length })));
  return { ...joinBundles(...parts), meta: { source: model.source, dirs: model.dirs.length, imageLayers: counts.images, containerLayers: counts.containers, initLayers: counts.inits, orphans: counts.orphans } };
}

/**
 * What changed between two snapshots, every new directory attributed; the rows a notebook
 * made highlighted and counted apart from other activity on the same engine.
 * @example display(snapshotDiffBundle(compareSnapshots(before, after), 'en', { images: ['lab/seed:1'] }));
 */
export function snapshotDiffBundle(diff: SnapshotDiff, lang: Lang, mine: MadeHere = {}): DisplayBundle {
  const summary = say(T.diffSummary, lang, { added: diff.added.length, roles: roleCountsText(roleCounts(diff.added), lang), removed: diff.removed.length });
  const mineAdded = diff.added.filter((d) => madeHere(d.role, mine));
  const mineLayers = mineAdded.filter((d) => d.role.kind === 'image-layer').length;
  const mineContainerDirs = mineAdded.length - mineLayers;
  const parts: DisplayBundle[] = [noteBundle(summary)];
  if (mine.images?.length || mine.containers?.length) {
    // Name only what this step made: an image's layers, a container's directories, or both.
    const what = [
      mineLayers ? say(T.mineLayers, lang, { layers: mineLayers, images: (mine.images ?? []).join(', ') }) : '',
      mineContainerDirs ? say(T.mineDirs, lang, { cdirs: mineContainerDirs, containers: (mine.containers ?? []).join(', ') }) : '',
    ].filter(Boolean);
    parts.push(noteBundle(say(T.mine, lang, { what: what.join('; ') || say(T.mineNothing, lang) }), 'ok'));
    const others = diff.added.length - mineAdded.length;
    if (others > 0) parts.push(noteBundle(say(T.others, lang, { n: others })));
  }
  const rows: { d: SnapshotDir; kind: string }[] = [...diff.added.map((d) => ({ d, kind: say(T.new, lang) })), ...diff.removed.map((d) => ({ d, kind: say(T.gone, lang) }))];
  if (rows.length === 0) parts.push(noteBundle(say(T.nothing, lang)));
  else
    parts.push(
      tableBundle(
        say(T.diffHead, lang).split('|'),
        rows.map(({ d, kind }) => [kind, htmlCode(shortDir(d.id)), roleText(d.role, lang), formatBytes(d.bytes, lang)]),
        { right: [3], rowClass: rows.map(({ d }) => (madeHere(d.role, mine) ? 'mine' : undefined)) },
      ),
    );
  return {
    ...joinBundles(...parts),
    meta: {
      added: diff.added.length,
      removed: diff.removed.length,
      mineImageLayers: mineLayers,
      mineContainerDirs,
    },
  };
}

/** A store directory's owner in words ('?' for one the model does not know). */
function dirRoleText(view: ContainerView, lang: Lang): (id?: string) => string {
  const dirOf = new Map(view.model.dirs.map((d) => [d.id, d]));
  return (id) => {
    const d = id ? dirOf.get(id) : undefined;
    return d ? roleText(d.role, lang) : '?';
  };
}

/** The boxes of a running container's stack: merged, upperdir, then each lowerdir (l/ link, its directory, its owner). */
function containerMountBoxes(view: ContainerView, lang: Lang): StackBox[] {
  const c = view.container;
  const roleOf = dirRoleText(view, lang);
  const m = c.mount;
  return [
    { id: 'merged', lines: [say(T.diagramMerged, lang, { path: `…/overlay2/${shortDir(c.mountId)}/merged` })], kind: 'merged' },
    { id: 'upper', lines: [say(T.diagramUpper, lang, { dir: shortDir(c.mountId) })], kind: 'upper' },
    ...(m?.lowerdir ?? []).map((l, i) => ({
      id: `l${i}`,
      lines: [say(T.diagramLower, lang, { n: i + 1, link: l.entry.replace(/^.*\/l\//, 'l/') }), `→ ${shortDir(l.dir)}/diff`, roleOf(l.dir)],
      group: say(T.diagramGroup, lang),
      kind: 'lower',
    })),
  ];
}

/**
 * A running container's union mount as the Mermaid stack the notebooks draw (merged on top,
 * upperdir, lowerdirs in lookup order); undefined when it is not running.
 * @example containerMountMermaid(await inspectContainer('web'), 'en')?.startsWith('flowchart') // true
 */
export function containerMountMermaid(view: ContainerView, lang: Lang): string | undefined {
  return view.container.mount ? mermaidStack(containerMountBoxes(view, lang), { classes: MERMAID_LAB_CLASSES }) : undefined;
}

/**
 * A running container's union mount from its real mount: merged, upperdir, workdir and each
 * lowerdir (l/ link resolved to its directory and role), the option string against the page,
 * and the stack as a Mermaid diagram.
 * @example display(containerMountBundle(await inspectContainer('web', { simulated: 'fallback' }), 'en'));
 */
export function containerMountBundle(view: ContainerView, lang: Lang): DisplayBundle {
  const { container: c, model } = view;
  const m = c.mount;
  if (!m) return { ...noteBundle(say(T.notRunning, lang, { name: c.name }), 'warn'), meta: { source: model.source, mount: 'none' } };
  const roleOf = dirRoleText(view, lang);
  const rows: HtmlCell[][] = [
    ['merged', htmlCode(m.mountPoint), htmlCode(shortDir(c.mountId)), say(T.merged, lang)],
    ['upperdir', htmlCode(m.upperdir ?? '-'), htmlCode(shortDir(c.mountId)), say(T.upper, lang)],
    ['workdir', htmlCode(m.workdir ?? '-'), htmlCode(shortDir(c.mountId)), say(T.work, lang)],
    ...m.lowerdir.map((l, i): HtmlCell[] => [
      `lowerdir ${i + 1}`,
      htmlCode(l.entry),
      htmlCode(shortDir(l.dir)),
      l.dir && l.dir === c.initId ? say(T.lowerInit, lang, { n: i + 1, why: say(T.initShort, lang) }) : say(T.lowerImage, lang, { n: i + 1, role: roleOf(l.dir) }),
    ]),
  ];
  const title = say(T.mountTitle, lang, { name: c.name, source: say(m.source === 'mountinfo' ? T.fromMountinfo : T.computed, lang) });
  const budget = say(T.budget, lang, {
    len: m.budget.length,
    max: m.budget.maxOptionChars,
    pct: formatPercent(m.budget.used, lang),
    full: m.budget.lengthWithFullPaths,
    over: m.budget.fitsWithFullPaths ? '' : say(T.over, lang),
  });
  const boxes = containerMountBoxes(view, lang);
  const plainDrawing = boxes.map((b, i) => `${i ? '   ▲\n' : ''}[ ${b.lines.join(' | ')} ]`).join('\n') + '\n';
  return {
    ...joinBundles(
      tableBundle(say(T.mountHead, lang).split('|'), rows, { caption: title }),
      noteBundle(budget),
      mermaidBundle(mermaidStack(boxes, { classes: MERMAID_LAB_CLASSES }), plainDrawing),
    ),
    meta: { source: model.source, mount: m.source, lowers: m.lowerdir.length, optionBytes: m.budget.length },
  };
}

/**
 * What a container changed (its upperdir) and what its -init layer holds, and why.
 * @example display(containerChangesBundle(view, 'pt-BR'));
 */
export function containerChangesBundle(view: ContainerView, lang: Lang): DisplayBundle {
  const parts = [noteBundle(say(T.changes, lang, { changes: changeCountsText(countChanges(view.changes), lang) }))];
  if (view.changes.length)
    parts.push(
      tableBundle(
        say(T.changeHead, lang).split('|'),
        view.changes.map((ch) => [say(WORDS.change[ch.kind], lang), htmlCode(ch.path + (ch.type === 'dir' ? '/' : '')), ch.type === 'file' ? formatBytes(ch.size, lang) : '', ch.below ? htmlCode(shortDir(ch.below)) : '']),
        { right: [2] },
      ),
    );
  if (view.init.length) {
    parts.push(noteBundle(say(INIT_LAYER_WHY, lang)));
    parts.push(tableBundle(say(T.initHead, lang).split('|'), view.init.map((e) => [htmlCode(e.path + (e.type === 'dir' ? '/' : '')), e.why ? say(e.why, lang) : ''])));
  }
  return { ...joinBundles(...parts), meta: { source: view.model.source, changes: view.changes.length, init: view.init.length } };
}

/**
 * Why `l/` exists: how many lowers fit in one page for each spelling, and the inequality
 * behind overlay2's 128, beside the layer store's 125 and the kernel's 500.
 * @example display(layerLimitBundle(model.limits, 'en'));
 */
export function layerLimitBundle(limits: LayerLimitArithmetic, lang: Lang): DisplayBundle {
  const rows: HtmlCell[][] = limits.capacities.map((c) => [say(T.spelling[c.spelling], lang), c.perLayer, c.fits]);
  const text = say(T.limitText, lang, {
    max: limits.maxOptionChars,
    page: limits.pageSize,
    depth: limits.dockerMaxDepth,
    store: limits.layerStoreMaxDepth,
    id: ID_LENGTH,
    reserve: LABEL_RESERVE,
    left: limits.mobyBudget.left,
    right: limits.mobyBudget.right,
    kernel: limits.kernelMaxLowers,
  });
  return {
    ...joinBundles(tableBundle(say(T.limitHead, lang).split('|'), rows, { right: [1, 2] }), noteBundle(text, limits.mobyBudget.holds ? 'info' : 'bad')),
    meta: { dockerMaxDepth: limits.dockerMaxDepth, layerStoreMaxDepth: limits.layerStoreMaxDepth, kernelMaxLowers: limits.kernelMaxLowers },
  };
}

/**
 * After a cleanup: which of the directories a notebook made are still in the store (none, if
 * the cleanup did its job).
 * @example display(leftBehindBundle(madeIds, takeSnapshot(model), 'en'));
 */
export function leftBehindBundle(made: string[], now: StoreSnapshot, lang: Lang, before?: StoreSnapshot): DisplayBundle {
  const present = new Set(now.dirs.map((d) => d.id));
  const left = made.filter((id) => present.has(id));
  const b = left.length === 0 ? noteBundle(say(T.leftOk, lang, { n: made.length }), 'ok') : noteBundle(say(T.leftBad, lang, { n: made.length, left: left.length, ids: left.map(shortDir).join(', ') }), 'bad');
  if (!before) return { ...b, meta: { source: now.source, made: made.length, left: left.length } };
  const kept = before.dirs.filter((d) => present.has(d.id)).length;
  return { ...joinBundles(b, noteBundle(say(T.beforeKept, lang, { n: before.dirs.length, kept }))), meta: { source: now.source, made: made.length, left: left.length, before: before.dirs.length, kept } };
}

/**
 * The short links of l/, resolved both ways: link -> ../<id>/diff -> the directory whose
 * link file names the link back.
 * @example display(shortLinksBundle(model, 'en', 5));
 */
export function shortLinksBundle(model: HostModel, lang: Lang, max = 8): DisplayBundle {
  const bad = model.links.filter((l) => l.broken || !l.roundTrip);
  const shown = [...bad, ...model.links.filter((l) => !l.broken && l.roundTrip)].slice(0, Math.max(max, bad.length));
  const rows: HtmlCell[][] = shown.map((l) => [htmlCode(`l/${l.name}`), htmlCode(l.target), l.dir ? htmlCode(shortDir(l.dir)) : '-', say(l.broken ? T.broken : l.roundTrip ? T.yes : T.no, lang)]);
  const verdict = bad.length ? noteBundle(say(T.linksBad, lang, { bad: bad.length, n: model.links.length }), 'bad') : noteBundle(say(T.linksOk, lang, { n: model.links.length }), 'ok');
  const parts = [tableBundle(say(T.linksHead, lang).split('|'), rows, { rowClass: shown.map((l) => (l.broken || !l.roundTrip ? 'bad' : undefined)) }), verdict];
  if (model.links.length > shown.length) parts.push(noteBundle(say(T.more, lang, { n: model.links.length - shown.length })));
  return { ...joinBundles(...parts), meta: { source: model.source, links: model.links.length, bad: bad.length } };
}

/**
 * What a live step (an image arriving, a container starting, a cleanup) would show, told on
 * the simulated host when no engine answers: the directories that step brings there.
 * @example display(simulatedStepBundle('arrival', model, 'en'));
 */
export function simulatedStepBundle(step: 'arrival' | 'run' | 'cleanup', model: HostModel, lang: Lang): DisplayBundle {
  if (step === 'cleanup') return { ...noteBundle(say(T.simCleanup, lang), 'warn'), meta: { source: model.source } };
  if (step === 'arrival') {
    // The image with the fewest layers: a base image, what a first pull brings.
    const image = [...model.images].sort((a, b) => a.layers.length - b.layers.length)[0];
    const rows: HtmlCell[][] = image.layers.map((l) => [htmlCode(shortDir(l.dir)), say(WORDS.role.imageLayer, lang, { pos: l.position, of: image.layers.length, image: image.name }), formatBytes(l.bytes ?? l.size, lang)]);
    return {
      ...joinBundles(noteBundle(say(T.simArrival, lang, { image: image.name, n: image.layers.length }), 'warn'), tableBundle(say(T.diffHead, lang).split('|').slice(1), rows, { right: [2] })),
      meta: { source: model.source, mineImageLayers: image.layers.length },
    };
  }
  const c = model.containers.find((x) => x.running) ?? model.containers[0];
  const dirs = model.dirs.filter((d) => (d.role.kind === 'container-layer' || d.role.kind === 'init-layer') && d.role.containerId === c.id);
  return {
    ...joinBundles(noteBundle(say(T.simRun, lang, { name: c.name }), 'warn'), tableBundle(say(T.diffHead, lang).split('|').slice(1), dirs.map((d) => [htmlCode(shortDir(d.id)), roleText(d.role, lang), formatBytes(d.bytes, lang)]), { right: [2] })),
    meta: { source: model.source, mineContainerDirs: dirs.length },
  };
}

/**
 * An image's layers, top to bottom: directory, short link, size, what each layer changes, and
 * which other images share it; and the stack as a diagram.
 * @example display(imageStackBundle(await inspectImage('overlay-lab/layers:1'), 'en'));
 */
export function imageStackBundle(view: ImageView, lang: Lang): DisplayBundle {
  const { image, layerChanges } = view;
  const top = [...image.layers].reverse();
  const counts = (pos: number) => {
    const c = layerChanges[pos];
    if (!c) return '-';
    const n = countChanges(c);
    return `+${n.added} ~${n.modified} -${n.deleted} ■${n.opaque}`;
  };
  const rows: HtmlCell[][] = top.map((l) => [
    l.position,
    l.dir ? htmlCode(shortDir(l.dir)) : say(T.notInLayerdb, lang),
    l.link ? htmlCode(l.link) : '-',
    formatBytes(l.bytes ?? l.size, lang),
    htmlRaw(`<code>${escapeHtml(counts(l.position))}</code>`, counts(l.position)),
    l.sharedWith.filter((s) => /[:/]/.test(s)).join(', '),
  ]);
  const title = say(T.imageTitle, lang, { name: image.name, n: image.layers.length });
  const boxes: StackBox[] = top.map((l) => ({
    id: l.dir ?? l.chainId,
    // Two lines a layer, so five fit a 768 px screen top to bottom; its l/ link is in the table above.
    lines: [`${l.position}: ${shortDir(l.dir)}/diff`, `${formatBytes(l.bytes ?? l.size, lang)} ${counts(l.position)}`],
    kind: 'lower',
  }));
  return {
    ...joinBundles(
      tableBundle(say(T.imageHead, lang).split('|'), rows, { caption: title, right: [0, 3] }),
      mermaidBundle(mermaidColumn(boxes, { classes: MERMAID_LAB_CLASSES, title: image.name }), boxes.map((b) => `[ ${b.lines.join(' | ')} ]`).join('\n') + '\n'),
    ),
    meta: { source: view.model.source, layers: image.layers.length },
  };
}
