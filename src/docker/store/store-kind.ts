/* Pure: which kind of layer store an engine keeps, and what overlay-lab can see of it. */
import type { Localized } from '../../i18n/lang';
import type { EngineFacts } from '../engine/engine';

/**
 * - overlay2: the classic graph driver, `<root>/overlay2/<id>/{diff,link,lower,...}`: everything
 *   can be read and named.
 * - containerd-snapshotter: the containerd image store (default on fresh Docker 29+): layers
 *   are snapshots under containerd's root (`io.containerd.snapshotter.v1.overlayfs/snapshots/<n>/fs`),
 *   numbered by containerd's own database, and the engine API gives no paths.
 * - other: btrfs, zfs, vfs, fuse-overlayfs, devicemapper...: not OverlayFS directories.
 */
export type StoreKind = 'overlay2' | 'containerd-snapshotter' | 'other';

/** The store, with a sentence on what can and cannot be seen. */
export interface StoreInfo {
  kind: StoreKind;
  driver: string;
  /** The `driver-type` of DriverStatus when the containerd store is on. */
  driverType?: string;
  /** Where the layers are (a best guess for the containerd store). */
  path: string;
  canSee: Localized;
  cannotSee: Localized;
}

/** The DriverStatus key Docker 24+ sets when images live in containerd. */
export const DRIVER_TYPE_KEY = 'driver-type';
/** Its value for the containerd snapshotter store. */
export const CONTAINERD_SNAPSHOTTER = 'io.containerd.snapshotter.v1';
/** containerd's overlayfs snapshotter directory under containerd's root. */
export const OVERLAYFS_SNAPSHOTTER_DIR = 'io.containerd.snapshotter.v1.overlayfs';
/** containerd's default root on Linux. */
export const CONTAINERD_ROOT = '/var/lib/containerd';

/**
 * Reads the store kind from `docker info`.
 * @example detectStore({ driver: 'overlayfs', driverStatus: [['driver-type', 'io.containerd.snapshotter.v1']], rootDir: '/var/lib/docker' } as EngineFacts).kind
 * // 'containerd-snapshotter'
 */
export function detectStore(facts: Pick<EngineFacts, 'driver' | 'driverStatus' | 'rootDir'>): StoreInfo {
  const driverType = facts.driverStatus.find(([k]) => k.toLowerCase() === DRIVER_TYPE_KEY)?.[1];
  if (driverType?.startsWith(CONTAINERD_SNAPSHOTTER)) {
    return {
      kind: 'containerd-snapshotter',
      driver: facts.driver,
      driverType,
      path: `${CONTAINERD_ROOT}/${OVERLAYFS_SNAPSHOTTER_DIR}/snapshots`,
      canSee: {
        en: "the snapshot directories (snapshots/<n>/fs and work), their sizes, which are mounted as lower or upper layers of running containers (from mountinfo), and, reading containerd's metadata.db as root, each snapshot's name, kind and parent: a layer's name is its chain ID, matched here to the images' layers.",
        'pt-BR': 'os diretórios de snapshot (snapshots/<n>/fs e work), seus tamanhos, quais estão montados como lowerdir ou upperdir de contêineres em execução (pelo mountinfo) e, lendo o metadata.db do containerd como root, o nome, o tipo e o pai de cada snapshot: o nome de uma camada é seu chain ID, casado aqui com as camadas das imagens.',
      },
      cannotSee: {
        en: 'paths from the engine: the API leaves GraphDriver empty, and there is no l/, link, lower or layerdb; mounts name full snapshots/<n>/fs paths, so fewer layers fit in one page.',
        'pt-BR': 'caminhos vindos do engine: a API deixa o GraphDriver vazio, e não há l/, link, lower nem layerdb; as montagens usam caminhos snapshots/<n>/fs completos, então cabem menos camadas numa página.',
      },
    };
  }
  if (facts.driver === 'overlay2') {
    return {
      kind: 'overlay2',
      driver: facts.driver,
      path: `${facts.rootDir.replace(/\/+$/, '')}/overlay2`,
      canSee: {
        en: 'every layer directory, its short link, lowers and owner (image layer, writable layer, -init layer or orphan).',
        'pt-BR': 'cada diretório de camada, com seu link curto, seus lowerdirs e seu dono (camada de imagem, camada gravável, camada -init ou órfão).',
      },
      cannotSee: { en: 'nothing hidden: this is the store overlay-lab reads best.', 'pt-BR': 'nada oculto: este é o armazenamento que o overlay-lab lê melhor.' },
    };
  }
  return {
    kind: 'other',
    driver: facts.driver,
    path: `${facts.rootDir.replace(/\/+$/, '')}/${facts.driver}`,
    canSee: {
      en: 'the engine facts, images and containers through the API.',
      'pt-BR': 'os dados do engine, imagens e contêineres pela API.',
    },
    cannotSee: {
      en: 'OverlayFS directories: the {driver} driver keeps layers its own way (no diff/, lower, l/).',
      'pt-BR': 'diretórios do OverlayFS: o driver {driver} guarda as camadas do seu jeito (sem diff/, lower, l/).',
    },
  };
}
