/* Views of the overlay2 model as text, in both languages. No rules here: only words. */
import type { Lang, Localized } from '../i18n/lang';
import { say } from '../i18n/lang';
import type { ChangeKind } from '../docker/store/changes';
import type { AccessWay, DirRole, HostModel, LayerDir, LayerUse } from '../docker/store/model';

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
    init: { en: 'init layer of container {name}', 'pt-BR': 'camada init do contêiner {name}' },
    helperContainer: { en: "writable layer of overlay-lab's own helper container (it ran to read the store, then was removed)", 'pt-BR': 'camada gravável do próprio contêiner auxiliar do overlay-lab (rodou para ler o armazenamento e foi removido)' },
    helperInit: { en: "init layer of overlay-lab's own helper container (removed with it)", 'pt-BR': 'camada init do próprio contêiner auxiliar do overlay-lab (removida com ele)' },
    orphan: { en: 'ORPHAN: nothing in layerdb or layerdb/mounts points here', 'pt-BR': 'ÓRFÃO: nada em layerdb ou layerdb/mounts aponta para cá' },
  },
  change: {
    added: { en: 'added', 'pt-BR': 'adicionado' },
    modified: { en: 'modified', 'pt-BR': 'modificado' },
    deleted: { en: 'deleted (whiteout)', 'pt-BR': 'apagado (whiteout)' },
    opaque: { en: 'replaced (opaque dir)', 'pt-BR': 'substituído (dir opaco)' },
  } satisfies Record<ChangeKind, Localized>,
};

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
export function listingOrder(d: LayerDir): string {
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
