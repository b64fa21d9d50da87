/* Notebook views of the container-lifecycle lesson: volumes, create/start/stop/rm, commit, image store, df. Words only. */
import type { CommittedLayer } from '../docker/lifecycle/commit-layer';
import type { DiskUsageComparison } from '../docker/lifecycle/disk-usage';
import type { ImageStoreFacts } from '../docker/lifecycle/image-store';
import type { LifecycleStage, StageChange } from '../docker/lifecycle/stage';
import type { WriteLanding } from '../docker/lifecycle/write-landing';
import { formatNumber, say } from '../i18n/format';
import type { Lang, Localized } from '../i18n/lang';
import { htmlCode, joinBundles, noteBundle, tableBundle, type DisplayBundle } from './notebook-html';
import { shortDir } from './overlay2-text';

const yesNo = (b: boolean, lang: Lang) => (b ? { en: 'yes', 'pt-BR': 'sim' } : { en: 'no', 'pt-BR': 'não' })[lang];
const head = (t: Localized, lang: Lang) => t[lang].split('|');
const bytes = (n: number, lang: Lang) => `${formatNumber(n, lang)} B`;

/**
 * Where each write landed, and whether it is still on disk (before and after a command, docker rm by default).
 * @example display(writeLandingBundle([{ landing, before: true, after: true }], lang))
 */
export function writeLandingBundle(rows: { landing: WriteLanding; before: boolean; after?: boolean }[], lang: Lang, afterCommand = 'docker rm'): DisplayBundle {
  const lands: Record<WriteLanding['lands'], Localized> = {
    volume: { en: 'volume {name}', 'pt-BR': 'volume {name}' },
    bind: { en: 'bind mount', 'pt-BR': 'bind mount' },
    tmpfs: { en: 'tmpfs (memory)', 'pt-BR': 'tmpfs (memória)' },
    upperdir: { en: 'upperdir (writable layer)', 'pt-BR': 'upperdir (camada gravável)' },
  };
  const after = rows.some((r) => r.after !== undefined);
  const header = head({ en: 'path in the container|lands in|file on the host|inside the upperdir|on disk', 'pt-BR': 'caminho no contêiner|vai para|arquivo no host|dentro do upperdir|no disco' }, lang);
  if (after) header.push(say({ en: 'after {cmd}', 'pt-BR': 'depois do {cmd}' }, lang, { cmd: afterCommand }));
  const body = rows.map((r) => {
    const row = [htmlCode(r.landing.containerPath), say(lands[r.landing.lands], lang, { name: r.landing.volume ?? '' }), htmlCode(r.landing.hostPath), yesNo(r.landing.insideUpperdir, lang), yesNo(r.before, lang)];
    if (after) row.push(r.after === undefined ? '-' : yesNo(r.after, lang));
    return row;
  });
  const flags = (f: (r: (typeof rows)[number]) => boolean | undefined) => rows.map((r) => (f(r) === undefined ? '-' : f(r) ? 'yes' : 'no')).join(',');
  return { ...tableBundle(header, body), meta: { source: 'live', lands: rows.map((r) => r.landing.lands).join(','), onDisk: flags((r) => r.before), after: flags((r) => r.after) } };
}

/**
 * The container's directories step by step: which exist, what diff/ and merged/ hold, whether the kernel has the mount.
 * @example display(stagesBundle([{ step: 'docker create', stage, change }], lang))
 */
export function stagesBundle(steps: { step: string; stage: LifecycleStage; change: StageChange }[], lang: Lang): DisplayBundle {
  const header = head(
    {
      en: 'step|directories added|directories removed|writable layer: diff/ entries|merged/ entries|overlay mount in mountinfo|running',
      'pt-BR': 'passo|diretórios acrescentados|diretórios removidos|camada gravável: entradas em diff/|entradas em merged/|montagem overlay no mountinfo|rodando',
    },
    lang,
  );
  const role = (k: string) => (k === 'init-layer' ? '-init' : k === 'container-layer' ? { en: 'writable', 'pt-BR': 'gravável' }[lang] : k);
  const dirs = (ds: StageChange['added']) => ds.map((d) => `${shortDir(d.id)} (${role(d.role.kind)})`).join(', ') || '—';
  const rows = steps.map(({ step, stage, change }) => {
    const w = stage.dirs.find((d) => d.role === 'writable');
    return [htmlCode(step), dirs(change.added), dirs(change.removed), w ? w.diffEntries : '—', w ? (w.merged ? w.mergedEntries : { en: 'no merged/', 'pt-BR': 'sem merged/' }[lang]) : '—', yesNo(stage.mounted, lang), yesNo(stage.running, lang)];
  });
  const per = (f: (s: (typeof steps)[number]) => string | number) => steps.map(f).join(',');
  const meta = { source: 'live', steps: per((s) => s.step), added: per((s) => s.change.added.length), removed: per((s) => s.change.removed.length), mounted: per((s) => (s.stage.mounted ? 'yes' : 'no')) };
  return { ...tableBundle(header, rows, { right: [3, 4] }), meta };
}

/**
 * The committed layer: its entries, the whiteouts as lstat sees them, and whether it is the upperdir entry for entry.
 * @example display(committedLayerBundle(await committedLayer('c', 'img:committed'), lang))
 */
export function committedLayerBundle(c: CommittedLayer, lang: Lang): DisplayBundle {
  const kinds: Record<string, Localized> = {
    added: { en: 'added', 'pt-BR': 'adicionado' },
    modified: { en: 'modified (copied up)', 'pt-BR': 'modificado (copy-up)' },
    deleted: { en: 'whiteout', 'pt-BR': 'whiteout' },
    opaque: { en: 'opaque directory', 'pt-BR': 'diretório opaco' },
  };
  const wo = new Map(c.whiteouts.map((w) => [w.path, w]));
  const types: Record<string, Localized> = { file: { en: 'file', 'pt-BR': 'arquivo' }, dir: { en: 'directory', 'pt-BR': 'diretório' }, symlink: { en: 'symbolic link', 'pt-BR': 'link simbólico' } };
  const rows = c.changes.map((x) => {
    const w = wo.get(x.path);
    const what = w ? say({ en: 'char device {a}/{b}', 'pt-BR': 'dispositivo de caractere {a}/{b}' }, lang, { a: w.major, b: w.minor }) : (types[x.type]?.[lang] ?? x.type);
    return [htmlCode(x.path), kinds[x.kind][lang], what, x.kind === 'deleted' ? '' : x.size];
  });
  const intro = say(
    { en: '{image}: layer {pos} of {n}, directory {dir}. What its diff/ holds:', 'pt-BR': '{image}: camada {pos} de {n}, diretório {dir}. O que o diff/ dela guarda:' },
    lang,
    { image: c.image, pos: c.position, n: c.layers, dir: shortDir(c.dir) },
  );
  const same = c.onlyInContainer.length === 0 && c.onlyInLayer.length === 0;
  const verdict = same
    ? say({ en: 'Entry for entry, the same changes as the container’s upperdir ({n}).', 'pt-BR': 'Entrada por entrada, as mesmas mudanças do upperdir do contêiner ({n}).' }, lang, { n: c.changes.length })
    : say(
        { en: 'Differs from the container’s upperdir: only in the container: {a}; only in the layer: {b}.', 'pt-BR': 'Difere do upperdir do contêiner: só no contêiner: {a}; só na camada: {b}.' },
        lang,
        { a: c.onlyInContainer.join(', ') || '—', b: c.onlyInLayer.join(', ') || '—' },
      );
  const header = head({ en: 'path|change|type in diff/|bytes', 'pt-BR': 'caminho|mudança|tipo no diff/|bytes' }, lang);
  const meta = { source: 'live', whiteouts: c.whiteouts.filter((w) => w.charDevice && w.major === 0 && w.minor === 0).length, sameAsUpper: same };
  return { ...joinBundles(noteBundle(intro), tableBundle(header, rows, { right: [3] }), noteBundle(verdict, same ? 'ok' : 'warn')), meta };
}

/**
 * The engine's own word on its image store (DriverStatus), and what each store's directory holds here.
 * @example display(imageStoreBundle(imageStoreFacts(facts), lang))
 */
export function imageStoreBundle(f: ImageStoreFacts, lang: Lang): DisplayBundle {
  const status = tableBundle(head({ en: 'docker info: DriverStatus|value', 'pt-BR': 'docker info: DriverStatus|valor' }, lang), f.driverStatus.map(([k, v]) => [k, v]), {
    caption: say({ en: 'Storage Driver: {d}', 'pt-BR': 'driver de armazenamento (docker info): {d}' }, lang, { d: f.driver }),
  });
  const where = tableBundle(
    head({ en: 'store|directory|exists here|entries', 'pt-BR': 'armazenamento|diretório|existe aqui|entradas' }, lang),
    [
      ['overlay2', htmlCode(f.overlay2.path), yesNo(f.overlay2.present, lang), f.overlay2.dirs],
      [{ en: 'containerd snapshotter', 'pt-BR': 'snapshotter do containerd' }[lang], htmlCode(f.containerd.path), yesNo(f.containerd.present, lang), f.containerd.snapshots],
    ],
    { right: [3] },
  );
  const verdict =
    f.kind === 'containerd-snapshotter'
      ? say(
          { en: 'This engine keeps its images in the containerd image store: DriverStatus says driver-type: {t}. The layers are containerd snapshots, snapshots/<n>/fs.', 'pt-BR': 'Este engine guarda as imagens no armazenamento de imagens do containerd: o DriverStatus diz driver-type: {t}. As camadas são snapshots do containerd, snapshots/<n>/fs.' },
          lang,
          { t: f.driverType ?? '' },
        )
      : say(
          { en: 'This engine does not use the containerd image store: its DriverStatus has no driver-type entry, and its storage driver is {d}. Its layers are the overlay2/ directories of the other cells.', 'pt-BR': 'Este engine não usa o armazenamento de imagens do containerd: o DriverStatus dele não tem a entrada driver-type, e o driver de armazenamento é {d}. As camadas dele são os diretórios de overlay2/ das outras células.' },
          lang,
          { d: f.driver },
        );
  return { ...joinBundles(status, where, noteBundle(verdict, 'info')), meta: { source: 'live', store: f.kind } };
}

/**
 * `docker system df` beside the same totals computed from the store, and a sentence per difference.
 * @example display(diskUsageBundle(await diskUsage(), lang, ['overlay-lab/busybox:1']))
 */
export function diskUsageBundle(u: DiskUsageComparison, lang: Lang, focus: string[] = []): DisplayBundle {
  // On a busy engine the image table keeps to the focused images and those sharing a layer with them.
  const focusDirs = new Set(u.images.filter((i) => focus.includes(i.name)).flatMap((i) => i.dirs));
  const shown = focus.length ? u.images.filter((i) => i.dirs.some((d) => focusDirs.has(d))) : u.images;
  const same = (a: number, b: number) => yesNo(a === b, lang);
  const totals = tableBundle(
    head({ en: 'total|engine (GET /system/df)|from the store|equal', 'pt-BR': 'total|engine (GET /system/df)|calculado do armazenamento|iguais' }, lang),
    [
      [say({ en: 'layers, each counted once ({n} directories)', 'pt-BR': 'camadas, cada uma contada uma vez ({n} diretórios)' }, lang, { n: u.layerDirs }), bytes(u.engine.layersSize, lang), bytes(u.storeLayersSize, lang), same(u.engine.layersSize, u.storeLayersSize)],
      [{ en: 'images added up (a shared layer once per image)', 'pt-BR': 'imagens somadas (camada compartilhada uma vez por imagem)' }[lang], bytes(u.engineImagesSum, lang), bytes(u.storeImagesSum, lang), same(u.engineImagesSum, u.storeImagesSum)],
    ],
    { right: [1, 2] },
  );
  const images = tableBundle(
    head({ en: 'image|layers|shared layers|SIZE (engine)|from its layers|SHARED SIZE (engine)|from its shared layers', 'pt-BR': 'imagem|camadas|camadas compartilhadas|SIZE (engine)|das camadas dela|SHARED SIZE (engine)|das camadas compartilhadas' }, lang),
    shown.map((i) => [i.name, i.layers, i.sharedLayers, bytes(i.engineSize, lang), bytes(i.storeSize, lang), bytes(i.engineShared, lang), bytes(i.storeShared, lang)]),
    { right: [1, 2, 3, 4, 5, 6] },
  );
  const parts = [totals, images];
  if (shown.length < u.images.length)
    parts.push(
      noteBundle(
        say(
          {
            en: '{n, plural, one {… and # more image on this engine, sharing no layer with these (the totals above count it).} other {… and # more images on this engine, sharing no layer with these (the totals above count them).}}',
            'pt-BR': '{n, plural, one {… e mais # imagem neste engine, sem camada em comum com estas (os totais acima a contam).} other {… e mais # imagens neste engine, sem camada em comum com estas (os totais acima as contam).}}',
          },
          lang,
          { n: u.images.length - shown.length },
        ),
      ),
    );
  if (u.volumes.length)
    parts.push(
      tableBundle(
        head({ en: 'volume|SIZE (engine)|its _data, same rule|containers using it', 'pt-BR': 'volume|SIZE (engine)|o _data dele, mesma regra|contêineres que o usam' }, lang),
        u.volumes.map((v) => [v.name, bytes(v.engineSize, lang), v.storeBytes === undefined ? '-' : bytes(v.storeBytes, lang), v.refCount]),
        { right: [1, 2, 3] },
      ),
    );
  if (u.containers.length)
    parts.push(
      tableBundle(
        head({ en: 'container|SIZE (SizeRw, engine)|its diff/, same rule', 'pt-BR': 'contêiner|SIZE (SizeRw, engine)|o diff/ dele, mesma regra' }, lang),
        u.containers.map((c) => [c.name, bytes(c.engineSizeRw, lang), bytes(c.storeBytes, lang)]),
        { right: [1, 2] },
      ),
    );
  const notes: string[] = [
    say(
      { en: 'Added up image by image, the layers come to {sum}; the engine counts each layer once: {layers}. The difference, {d}, is shared layers counted again.', 'pt-BR': 'Somadas imagem por imagem, as camadas dão {sum}; o engine conta cada camada uma vez só: {layers}. A diferença, {d}, são camadas compartilhadas contadas de novo.' },
      lang,
      { sum: bytes(u.engineImagesSum, lang), layers: bytes(u.engine.layersSize, lang), d: bytes(u.engineImagesSum - u.engine.layersSize, lang) },
    ),
    say(
      { en: 'The engine sizes a layer by the bytes of its files (directories not counted, a hard link once); with the directories’ own sizes, as du counts, the same directories take {apparent}.', 'pt-BR': 'O engine mede uma camada pelos bytes dos arquivos dela (sem contar os diretórios, um hard link uma vez só); contando o tamanho dos próprios diretórios, como o du faz, os mesmos diretórios ocupam {apparent}.' },
      lang,
      { apparent: bytes(u.storeLayersApparent, lang) },
    ),
  ];
  if (u.engine.layersSize !== u.storeLayersSize)
    notes.push(
      say(
        { en: 'The layer totals differ by {d}: the engine keeps each image layer’s size from when it was made (layerdb’s size file), and the engine and the store were read a moment apart; an image built or removed in between (another user of this engine) shows here.', 'pt-BR': 'Os totais de camadas diferem em {d}: o engine guarda o tamanho de cada camada de imagem de quando ela foi criada (o arquivo size do layerdb), e o engine e o armazenamento foram lidos com um instante de diferença; uma imagem construída ou removida nesse meio-tempo (por outro usuário deste engine) aparece aqui.' },
        lang,
        { d: bytes(Math.abs(u.engine.layersSize - u.storeLayersSize), lang) },
      ),
    );
  return { ...joinBundles(...parts, ...notes.map((n) => noteBundle(n))), meta: { source: 'live', layersEqual: u.engine.layersSize === u.storeLayersSize, images: u.images.length } };
}
