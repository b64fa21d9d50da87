/* Pure: what Docker puts in a container's -init layer, and why. */
import type { Localized } from '../../i18n/lang';

/**
 * The entries Docker creates in `<mount-id>-init/diff` before a container first starts
 * (moby daemon/initlayer). They are mount points and placeholders for what the runtime
 * bind-mounts or fills in: being in their own layer, below the writable one, they never end
 * up in `docker commit` or `docker diff`, and every container of an image shares the image's
 * layers untouched.
 */
export const INIT_ENTRIES: Record<string, Localized> = {
  '/.dockerenv': {
    en: 'empty marker file: tells programs they run inside a Docker container',
    'pt-BR': 'arquivo marcador vazio: diz aos programas que rodam dentro de um contêiner Docker',
  },
  '/etc/hosts': {
    en: 'placeholder: the container\'s own hosts file is bind-mounted here at start',
    'pt-BR': 'marcador: o arquivo hosts do contêiner é montado aqui (bind mount) quando ele inicia',
  },
  '/etc/hostname': {
    en: 'placeholder: bind-mounted with the container\'s host name',
    'pt-BR': 'marcador: recebe por bind mount o nome de host do contêiner',
  },
  '/etc/resolv.conf': {
    en: 'placeholder: bind-mounted with the DNS settings Docker chose',
    'pt-BR': 'marcador: recebe por bind mount a configuração de DNS escolhida pelo Docker',
  },
  '/etc/mtab': {
    en: 'symbolic link to /proc/mounts, so tools that read mtab see the container\'s mounts',
    'pt-BR': 'link simbólico para /proc/mounts, para ferramentas que leem mtab verem as montagens do contêiner',
  },
  '/etc': { en: 'parent of the files above', 'pt-BR': 'pai dos arquivos acima' },
  '/dev': { en: 'mount point: a tmpfs with the container\'s devices', 'pt-BR': 'ponto de montagem: um tmpfs com os dispositivos do contêiner' },
  '/dev/console': { en: 'placeholder for the console (a pty with -t)', 'pt-BR': 'marcador do console (um pty com -t)' },
  '/dev/pts': { en: 'mount point for devpts (pseudo-terminals)', 'pt-BR': 'ponto de montagem do devpts (pseudoterminais)' },
  '/dev/shm': { en: 'mount point for the shared-memory tmpfs', 'pt-BR': 'ponto de montagem do tmpfs de memória compartilhada' },
  '/proc': { en: 'mount point for procfs', 'pt-BR': 'ponto de montagem do procfs' },
  '/sys': { en: 'mount point for sysfs', 'pt-BR': 'ponto de montagem do sysfs' },
};

/** Why the init layer exists, in one sentence. */
export const INIT_LAYER_WHY: Localized = {
  en: 'The -init layer sits between the image and the writable layer: it holds the mount points and placeholder files Docker needs at start, so they are never committed into an image.',
  'pt-BR': 'A camada -init fica entre a imagem e a camada gravável: guarda os pontos de montagem e os arquivos marcadores de que o Docker precisa para iniciar o contêiner, para que nunca acabem gravados numa imagem.',
};

/**
 * Why an entry of an init layer is there, if Docker is known to put it there.
 * @example explainInitEntry('/.dockerenv')?.en // 'empty marker file: ...'
 */
export function explainInitEntry(path: string): Localized | undefined {
  return INIT_ENTRIES[path];
}
