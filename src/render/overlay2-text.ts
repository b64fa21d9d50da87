/* Views of the overlay2 model as text, in both languages. No rules here: only words. */
import { say } from '../i18n/format';
import type { Lang, Localized } from '../i18n/lang';
import type { ChangeKind } from '../docker/store/changes';
import type { AccessWay, DirRole, HostModel, LayerDir, LayerUse } from '../docker/store/model';
import type { RoleCounts } from '../docker/store/role-counts';
import { onDiskParts } from '../docker/store/on-disk';

/** Words used by the Docker views, each in both languages. */
export const T = {
  source: {
    simulated: { en: 'SIMULATED host (built-in example, no engine was asked)', 'pt-BR': 'host SIMULADO (exemplo embutido, nenhum engine consultado)' },
    simulatedBecause: { en: 'SIMULATED host: {why}', 'pt-BR': 'host SIMULADO: {why}' },
    live: { en: 'live engine', 'pt-BR': 'engine ao vivo' },
  },
  header: {
    en: '{source}: Docker {version} (API {api}), {os}, driver {driver}, root {root}; read by: {access}',
    'pt-BR': '{source}: Docker {version} (API {api}), {os}, driver {driver}, raiz {root}; lido por: {access}',
  },
  access: {
    direct: { en: 'direct (this process reads the files)', 'pt-BR': 'direto (este processo lê os arquivos)' },
    helper: { en: 'helper container with a read-only bind mount', 'pt-BR': 'contêiner auxiliar com bind mount somente leitura' },
    nsenter: { en: "helper container entering dockerd's mount namespace (nsenter)", 'pt-BR': 'contêiner auxiliar entrando no namespace de montagem do dockerd (nsenter)' },
    simulated: { en: 'simulation', 'pt-BR': 'simulação' },
    none: { en: 'the API only', 'pt-BR': 'só a API' },
  } satisfies Record<AccessWay, Localized>,
  role: {
    imageLayer: { en: 'layer {pos}/{of} of {image}', 'pt-BR': 'camada {pos}/{of} de {image}' },
    untagged: { en: '+{n} untagged', 'pt-BR': '+{n} sem tag' },
    unused: { en: 'layer used by no image (chain {chain})', 'pt-BR': 'camada sem imagem (chain {chain})' },
    container: { en: 'writable layer (upperdir) of container {name}', 'pt-BR': 'camada gravável (upperdir) do contêiner {name}' },
    init: { en: '-init layer of container {name}', 'pt-BR': 'camada -init do contêiner {name}' },
    helperContainer: { en: "writable layer of overlay-lab's own helper container (it ran to read the store, then was removed)", 'pt-BR': 'camada gravável do próprio contêiner auxiliar do overlay-lab (rodou para ler o armazenamento e foi removido)' },
    helperInit: { en: "-init layer of overlay-lab's own helper container (removed with it)", 'pt-BR': 'camada -init do próprio contêiner auxiliar do overlay-lab (removida com ele)' },
    orphan: { en: 'ORPHAN: nothing in layerdb or layerdb/mounts points here', 'pt-BR': 'ÓRFÃO: nada em layerdb ou layerdb/mounts aponta para cá' },
  },
  changeCounts: {
    en: '{added} added, {modified} modified (copied up), {deleted, plural, one {# deleted (whiteout)} other {# deleted (whiteouts)}}, {opaque} opaque',
    'pt-BR':
      '{added, plural, =0 {0 adicionados} one {# adicionado} other {# adicionados}}, {modified, plural, =0 {0 modificados} one {# modificado} other {# modificados}} (copy-up), {deleted, plural, =0 {0 apagados (whiteouts)} one {# apagado (whiteout)} other {# apagados (whiteouts)}}, {opaque, plural, =0 {0 opacos} one {# opaco} other {# opacos}}',
  },
  change: {
    added: { en: 'added', 'pt-BR': 'adicionado' },
    modified: { en: 'modified', 'pt-BR': 'modificado' },
    deleted: { en: 'deleted (whiteout)', 'pt-BR': 'apagado (whiteout)' },
    opaque: { en: 'replaced (opaque dir)', 'pt-BR': 'substituído (dir opaco)' },
  } satisfies Record<ChangeKind, Localized>,
};

/**
 * Counted words of the store's tallies: the count picks singular or plural. A pt-BR tally
 * writes 0 with the plural ("0 órfãos"), as people count; Intl.PluralRules alone would give
 * "0 órfão".
 */
export const COUNTED = {
  layers: { en: '{n, plural, one {# layer} other {# layers}}', 'pt-BR': '{n, plural, =0 {0 camadas} one {# camada} other {# camadas}}' },
  dirs: { en: '{n, plural, one {# directory} other {# directories}}', 'pt-BR': '{n, plural, =0 {0 diretórios} one {# diretório} other {# diretórios}}' },
  imageLayers: { en: '{n, plural, one {# image layer} other {# image layers}}', 'pt-BR': '{n, plural, =0 {0 camadas de imagem} one {# camada de imagem} other {# camadas de imagem}}' },
  writableLayers: {
    en: '{n, plural, one {# writable layer of a container} other {# writable layers of containers}}',
    'pt-BR': '{n, plural, =0 {0 camadas graváveis de contêiner} one {# camada gravável de contêiner} other {# camadas graváveis de contêiner}}',
  },
  initLayers: { en: '{n, plural, one {# -init layer} other {# -init layers}}', 'pt-BR': '{n, plural, =0 {0 camadas -init} one {# camada -init} other {# camadas -init}}' },
  unusedLayers: { en: '{n, plural, one {# unused layer} other {# unused layers}}', 'pt-BR': '{n, plural, =0 {0 camadas sem uso} one {# camada sem uso} other {# camadas sem uso}}' },
  orphans: { en: '{n, plural, one {# orphan} other {# orphans}}', 'pt-BR': '{n, plural, =0 {0 órfãos} one {# órfão} other {# órfãos}}' },
  links: { en: '{n, plural, one {# short link} other {# short links}}', 'pt-BR': '{n, plural, =0 {0 links curtos} one {# link curto} other {# links curtos}}' },
  images: { en: '{n, plural, one {# image} other {# images}}', 'pt-BR': '{n, plural, =0 {0 imagens} one {# imagem} other {# imagens}}' },
  containers: { en: '{n, plural, one {# container} other {# containers}}', 'pt-BR': '{n, plural, =0 {0 contêineres} one {# contêiner} other {# contêineres}}' },
  entries: { en: '{n, plural, one {# entry} other {# entries}}', 'pt-BR': '{n, plural, =0 {0 entradas} one {# entrada} other {# entradas}}' },
  moreEntries: { en: '{n, plural, one {# more entry} other {# more entries}}', 'pt-BR': '{n, plural, =0 {mais 0 entradas} one {mais # entrada} other {mais # entradas}}' },
  regularFiles: { en: '{n, plural, one {# regular file} other {# regular files}}', 'pt-BR': '{n, plural, =0 {0 arquivos regulares} one {# arquivo regular} other {# arquivos regulares}}' },
  distinctContents: { en: '{n, plural, one {# distinct content} other {# distinct contents}}', 'pt-BR': '{n, plural, =0 {0 conteúdos distintos} one {# conteúdo distinto} other {# conteúdos distintos}}' },
} satisfies Record<string, Localized>;

/**
 * A count with its word, as the tallies write it.
 * @example counted('orphans', 1, 'pt-BR') // '1 órfão'
 */
export function counted(what: keyof typeof COUNTED, n: number, lang: Lang): string {
  return say(COUNTED[what], lang, { n });
}

/**
 * How many directories play each role, as one list.
 * @example roleCountsText({ images: 2, containers: 1, inits: 1, unused: 0, orphans: 0 }, 'pt-BR')
 * // '2 camadas de imagem, 1 camada gravável de contêiner, 1 camada -init, 0 camadas sem uso, 0 órfãos'
 */
export function roleCountsText(c: RoleCounts, lang: Lang): string {
  return [counted('imageLayers', c.images, lang), counted('writableLayers', c.containers, lang), counted('initLayers', c.inits, lang), counted('unusedLayers', c.unused, lang), counted('orphans', c.orphans, lang)].join(', ');
}

/**
 * What an upperdir holds, counted by kind of change.
 * @example changeCountsText({ added: 1, modified: 2, deleted: 1, opaque: 0 }, 'pt-BR')
 * // '1 adicionado, 2 modificados (copy-up), 1 apagado (whiteout), 0 opacos'
 */
export function changeCountsText(n: Record<ChangeKind, number>, lang: Lang): string {
  return say(T.changeCounts, lang, n);
}

/** Image uses with tagged images named and untagged ones counted. */
function usesText(usedBy: LayerUse[], lang: Lang): string {
  const tagged = usedBy.filter((u) => /[:/]/.test(u.image));
  const shown = tagged.length ? tagged : usedBy.slice(0, 1);
  const parts = shown.map((u) => say(T.role.imageLayer, lang, { pos: u.position, of: u.of, image: u.image }));
  const rest = usedBy.length - shown.length;
  if (rest > 0) parts.push(say(T.role.untagged, lang, { n: rest }));
  return parts.join('; ');
}

/**
 * A directory's role in one line.
 * @example roleText({ kind: 'orphan' }, 'en') // 'ORPHAN: nothing in layerdb or layerdb/mounts points here'
 */
export function roleText(role: DirRole, lang: Lang): string {
  switch (role.kind) {
    case 'image-layer':
      return usesText(role.usedBy, lang);
    case 'unused-layer':
      return say(T.role.unused, lang, { chain: role.chainId.slice(7, 19) });
    case 'container-layer':
      return role.helper ? say(T.role.helperContainer, lang) : say(T.role.container, lang, { name: role.container });
    case 'init-layer':
      return role.helper ? say(T.role.helperInit, lang) : say(T.role.init, lang, { name: role.container });
    case 'orphan':
      return say(T.role.orphan, lang);
  }
}

/**
 * The first line of every Docker view: which host, which engine, how it was read.
 * @example hostHeader(model, 'pt-BR')
 */
export function hostHeader(model: HostModel, lang: Lang, simulatedWhy?: string): string {
  const source =
    model.source === 'simulated'
      ? simulatedWhy
        ? say(T.source.simulatedBecause, lang, { why: simulatedWhy })
        : say(T.source.simulated, lang)
      : say(T.source.live, lang);
  return say(T.header, lang, {
    source,
    version: model.engine.version,
    api: model.engine.apiVersion,
    os: model.engine.os,
    driver: model.store.driver,
    root: model.engine.rootDir,
    access: say(T.access[model.access], lang),
  });
}

/**
 * The short form of a 64-hex directory id (12 characters, like docker's short ids), keeping `-init`.
 * @example shortDir('023e90ed998a29ca72d4f1e19e98073c7113d0771ca66c3000a9a044832f2774-init') // '023e90ed998a-init'
 */
export function shortDir(id: string | undefined | null): string {
  if (!id) return '?';
  const init = id.endsWith('-init');
  return `${id.slice(0, 12)}${init ? '-init' : ''}`;
}

/**
 * The order every listing of the store uses: image layers by image and position (named after
 * the tallest tagged image holding them), then each container's init and writable layer, then
 * unused layers and orphans.
 * @example [...model.dirs].sort((a, b) => listingOrder(a).localeCompare(listingOrder(b)))
 */
export function listingOrder(d: Pick<LayerDir, 'id' | 'role'>): string {
  const r = d.role;
  if (r.kind === 'image-layer') {
    const tagged = (n: string) => Number(/[:/]/.test(n));
    const u = [...r.usedBy].sort((a, b) => tagged(b.image) - tagged(a.image) || b.of - a.of)[0];
    return `0 ${u.image} ${String(u.position).padStart(4, '0')}`;
  }
  if (r.kind === 'init-layer') return `1 ${r.container} 0`;
  if (r.kind === 'container-layer') return `1 ${r.container} 1`;
  return `${r.kind === 'unused-layer' ? 2 : 3} ${d.id}`;
}

/** What a layer directory holds, as `ls` would name it: `diff/ lower (3) work/ merged/ committed`. */
export function onDiskText(d: LayerDir): string {
  return onDiskParts(d)
    .map((p) => (p.kind === 'lower' ? `lower (${p.layers})` : p.kind === 'committed' ? 'committed' : `${p.kind}/`))
    .join(' ');
}
