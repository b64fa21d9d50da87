/* Pure: the term sheet. One word per thing in each language, chosen once; the glossary shows it. */

/** A term in English: its word and a one-line definition (Markdown: `code` spans only). */
export interface EnTerm {
  word: string;
  definition: string;
  /**
   * The term's numbers, as a sentence naming stated limits by `{name}` (the keys of FACTS in
   * src/union/limits): the sheet types no number, and the glossary page prints each one with
   * `<Fact name="…"/>`, so it always shows the library's value in the page's number format.
   */
  figures?: string;
}

/** A term in Portuguese: the one word the material uses, its article (its gender), and a definition. */
export interface PtTerm extends EnTerm {
  article: 'o' | 'a' | 'os' | 'as';
  /**
   * What the pt-BR material never writes for this thing (regular expressions, matched whole-word
   * and case-insensitively by test/i18n/terms.test.ts), each with the word to use instead.
   */
  avoid?: { pattern: string; use: string }[];
}

/** One OverlayFS or Docker term in both languages. */
export interface Term {
  en: EnTerm;
  'pt-BR': PtTerm;
  /** The anchor of its section on the concepts page, when it has one. */
  concept?: string;
}

/**
 * The term sheet, in the glossary's order: OverlayFS's own words first, then Docker's.
 * English loanwords for directories and attributes are masculine in pt-BR: "o upperdir", as
 * "o diretório"; "o whiteout", "o copy-up", as "o arquivo", "o processo".
 */
export const TERMS = {
  layer: {
    en: { word: 'layer', definition: 'A file tree holding only what changed against the layers below it; an image is a stack of layers.' },
    'pt-BR': { word: 'camada', article: 'a', definition: 'Uma árvore de arquivos que guarda só o que mudou em relação às camadas de baixo; uma imagem é uma pilha de camadas.' },
  },
  directory: {
    en: { word: 'directory', definition: 'A file that lists other files by name; `overlay2/<id>`, its `diff/` and `work/`, and `l/` are directories.' },
    'pt-BR': {
      word: 'diretório',
      article: 'o',
      definition: 'Um arquivo que lista outros arquivos por nome; `overlay2/<id>`, seus `diff/` e `work/`, e `l/` são diretórios.',
      avoid: [{ pattern: 'pastas?', use: 'diretório' }],
    },
  },
  mount: {
    en: { word: 'mount', definition: 'A file system attached at a directory; an overlay mount joins lowerdirs, an upperdir and a workdir into merged, one per running container.' },
    'pt-BR': {
      word: 'montagem',
      article: 'a',
      definition: 'Um sistema de arquivos anexado a um diretório; uma montagem overlay junta lowerdirs, um upperdir e um workdir no merged, uma por contêiner rodando.',
    },
  },
  unionMount: {
    en: { word: 'union mount', definition: 'A mount that shows several directories as one tree; OverlayFS is the union mount of the Linux kernel.' },
    'pt-BR': {
      word: 'montagem de união',
      article: 'a',
      definition: 'Uma montagem que mostra vários diretórios como uma árvore só; o OverlayFS é a montagem de união do kernel Linux.',
      avoid: [{ pattern: 'montage(m|ns) (em|unidas?) uni(ão|ões)|montage(m|ns) unidas?|montage(m|ns) union', use: 'montagem de união' }],
    },
  },
  lowerdir: {
    en: { word: 'lowerdir', definition: 'A read-only layer of a mount; with several, separated by `:`, the first is the top one.' },
    'pt-BR': {
      word: 'lowerdir',
      article: 'o',
      definition: 'Uma camada somente leitura de uma montagem; com vários lowerdirs, separados por `:`, o primeiro é o de cima.',
      avoid: [
        { pattern: 'lowers', use: 'lowerdirs ou camadas inferiores' },
        { pattern: '(uma|cada|toda) lower', use: 'um lowerdir' },
        { pattern: 'camadas? lower', use: 'lowerdir ou camada inferior' },
      ],
    },
    concept: 'lowerdir',
  },
  upperdir: {
    en: { word: 'upperdir', definition: 'The writable layer of a mount, holding copies, new files and whiteouts.' },
    'pt-BR': {
      word: 'upperdir',
      article: 'o',
      definition: 'A camada gravável de uma montagem, onde ficam cópias, arquivos novos e whiteouts.',
      avoid: [{ pattern: 'camadas? upper', use: 'upperdir ou camada superior' }],
    },
    concept: 'upperdir',
  },
  workdir: {
    en: { word: 'workdir', definition: 'The kernel’s scratch directory, on the upperdir’s file system, where a copy-up or a rename is prepared before it appears at once.' },
    'pt-BR': {
      word: 'workdir',
      article: 'o',
      definition: 'O diretório de rascunho do kernel, no mesmo sistema de arquivos do upperdir, onde um copy-up ou um rename é preparado antes de aparecer de uma vez.',
    },
    concept: 'workdir',
  },
  merged: {
    en: { word: 'merged', definition: 'The union view, the container’s `/`: each name comes from the highest layer that has it.' },
    'pt-BR': {
      word: 'merged',
      article: 'o',
      definition: 'A visão mesclada, o `/` do contêiner: cada nome vem da camada mais alta que o tem.',
      avoid: [
        { pattern: 'fundid[oa]s?|fundir', use: 'mesclado' },
        { pattern: 'vista (unida|mesclada|merged)|visão (unida|merged)', use: 'o merged ou a visão mesclada' },
      ],
    },
    concept: 'merged',
  },
  copyUp: {
    en: { word: 'copy-up', definition: 'Copying a file or directory from a lowerdir to the upperdir before its first change.' },
    'pt-BR': { word: 'copy-up', article: 'o', definition: 'A cópia de um arquivo ou diretório de um lowerdir para o upperdir antes da primeira mudança.' },
    concept: 'copy-up',
  },
  whiteout: {
    en: { word: 'whiteout', definition: 'A `0/0` character device in the upperdir that hides a name from the layers below: the mark of a deletion.' },
    'pt-BR': { word: 'whiteout', article: 'o', definition: 'Um dispositivo de caractere `0/0` no upperdir que esconde um nome das camadas de baixo: a marca de um apagamento.' },
    concept: 'whiteout',
  },
  opaque: {
    en: { word: 'opaque directory', definition: 'A directory with `trusted.overlay.opaque=y`: nothing from the layers below shows inside it.' },
    'pt-BR': { word: 'diretório opaco', article: 'o', definition: 'Um diretório com `trusted.overlay.opaque=y`: nada das camadas de baixo aparece dentro dele.' },
    concept: 'opaque',
  },
  redirect: {
    en: { word: 'redirect', definition: 'The `overlay.redirect` attribute of a renamed directory, pointing at its old name in the layers below (with `redirect_dir=on`).' },
    'pt-BR': { word: 'redirect', article: 'o', definition: 'O atributo `overlay.redirect` de um diretório renomeado, que aponta para o nome antigo nas camadas de baixo (com `redirect_dir=on`).' },
    concept: 'redirect',
  },
  metacopy: {
    en: { word: 'metacopy', definition: 'A metadata-only copy-up (with `metacopy=on`); the data stays in the lowerdir.' },
    'pt-BR': { word: 'metacopy', article: 'o', definition: 'O copy-up só dos metadados (com `metacopy=on`); os dados continuam no lowerdir.' },
    concept: 'metacopy',
  },
  hardLink: {
    en: { word: 'hard link', definition: 'Another name for the same inode. Without `index=on`, a copy-up gives the copied name a new inode and the other names keep the old one.' },
    'pt-BR': {
      word: 'link físico',
      article: 'o',
      definition: 'Outro nome para o mesmo inode. Sem `index=on`, o copy-up dá ao nome copiado um inode novo e os outros nomes ficam com o antigo.',
      avoid: [{ pattern: 'liga(ção|ções) físicas?', use: 'link físico (como no ln do coreutils)' }],
    },
  },
  symlink: {
    en: { word: 'symbolic link', definition: 'A file holding the path of another; `l/` is full of them.' },
    'pt-BR': {
      word: 'link simbólico',
      article: 'o',
      definition: 'Um arquivo que guarda o caminho de outro; o `l/` é cheio deles.',
      avoid: [{ pattern: 'liga(ção|ções) simbólicas?', use: 'link simbólico' }],
    },
  },
  index: {
    en: { word: 'index', definition: 'The `index/` directory in the workdir (with `index=on`) that keeps hard links together after copy-up.' },
    'pt-BR': {
      word: 'index',
      article: 'o',
      definition: 'O diretório `index/` no workdir (com `index=on`) que mantém os links físicos juntos depois do copy-up.',
      avoid: [{ pattern: 'índices?', use: 'index' }],
    },
    concept: 'index',
  },
  origin: {
    en: { word: 'origin', definition: 'An attribute the kernel writes on a copied-up entry, remembering which lower inode it came from.' },
    'pt-BR': { word: 'origin', article: 'o', definition: 'Um atributo que o kernel grava numa entrada copiada para cima, lembrando de que inode de baixo ela veio.' },
  },
  impure: {
    en: { word: 'impure', definition: 'An attribute the kernel writes on an upperdir directory that holds copied-up or moved entries.' },
    'pt-BR': { word: 'impure', article: 'o', definition: 'Um atributo que o kernel grava num diretório do upperdir que contém entradas copiadas ou movidas.' },
  },
  exdev: {
    en: { word: 'EXDEV', definition: 'The “invalid cross-device link” error: what `rename(2)` of a lower directory returns without `redirect_dir=on`.' },
    'pt-BR': { word: 'EXDEV', article: 'o', definition: 'O erro “link entre dispositivos inválido”: o que o `rename(2)` de um diretório de baixo devolve sem `redirect_dir=on`.' },
  },
  storageDriver: {
    en: { word: 'storage driver', definition: 'The part of dockerd that lays image and container layers out on disk; `overlay2` is the default on Linux.' },
    'pt-BR': {
      word: 'driver de armazenamento',
      article: 'o',
      definition: 'A parte do dockerd que organiza no disco as camadas de imagens e contêineres; o `overlay2` é o padrão no Linux.',
      avoid: [{ pattern: 'storage driver|driver de storage', use: 'driver de armazenamento' }],
    },
  },
  overlay2: {
    en: { word: 'overlay2', definition: 'Docker’s storage driver built on OverlayFS; it keeps each layer in `/var/lib/docker/overlay2/<id>`.' },
    'pt-BR': { word: 'overlay2', article: 'o', definition: 'O driver de armazenamento do Docker que usa o OverlayFS; guarda cada camada em `/var/lib/docker/overlay2/<id>`.' },
  },
  image: {
    en: { word: 'image', definition: 'A stack of read-only layers plus a configuration (command, environment, labels); `docker save` writes it as tars and JSON.' },
    'pt-BR': { word: 'imagem', article: 'a', definition: 'Uma pilha de camadas somente leitura mais uma configuração (comando, ambiente, rótulos); o `docker save` a grava como tars e JSON.' },
  },
  container: {
    en: { word: 'container', definition: 'Processes running on an image: Docker puts a writable layer and an -init layer on the image’s layers and mounts them as one tree.' },
    'pt-BR': {
      word: 'contêiner',
      article: 'o',
      definition: 'Processos rodando sobre uma imagem: o Docker põe uma camada gravável e uma camada -init sobre as camadas da imagem e monta tudo como uma árvore só.',
      avoid: [{ pattern: '(o|os|um|uns|do|dos|no|nos|ao|aos|pelo|pelos|cada|seu|seus|este|esse|novo) containers?', use: 'contêiner' }],
    },
  },
  writableLayer: {
    en: { word: 'writable layer', definition: 'A container’s own layer: its `diff/` is the upperdir, where every change the container makes lands; `docker rm` deletes it.' },
    'pt-BR': {
      word: 'camada gravável',
      article: 'a',
      definition: 'A camada do próprio contêiner: o `diff/` dela é o upperdir, onde vai parar toda mudança que o contêiner faz; o `docker rm` a apaga.',
      avoid: [{ pattern: 'camadas? de escrita', use: 'camada gravável' }],
    },
  },
  initLayer: {
    en: {
      word: '-init layer',
      definition: 'The `<id>-init` layer between the image and a container’s writable layer: empty placeholders (`/etc/hosts`, `/etc/resolv.conf`, `/etc/hostname`, `/.dockerenv`) that Docker bind-mounts over when the container starts.',
    },
    'pt-BR': {
      word: 'camada -init',
      article: 'a',
      definition: 'A camada `<id>-init` entre a imagem e a camada gravável de um contêiner: marcadores vazios (`/etc/hosts`, `/etc/resolv.conf`, `/etc/hostname`, `/.dockerenv`) sobre os quais o Docker faz bind mount quando o contêiner inicia.',
      avoid: [{ pattern: 'camadas? init', use: 'camada -init' }],
    },
  },
  layerStore: {
    en: { word: 'layer store', definition: 'Docker’s record of layers (`image/overlay2/layerdb`): each layer’s chain ID, diff ID and the cache ID of its directory; it refuses an image that is too deep.' },
    'pt-BR': {
      word: 'armazenamento de camadas',
      article: 'o',
      definition: 'O registro de camadas do Docker (`image/overlay2/layerdb`): o chain ID, o diff ID e o cache ID do diretório de cada camada; recusa uma imagem profunda demais.',
      avoid: [{ pattern: 'layer store', use: 'armazenamento de camadas' }],
    },
  },
  cacheId: {
    en: {
      word: 'cache ID',
      definition: 'The random hexadecimal name of a layer’s directory under `overlay2/`: not a digest of its content.',
      figures: 'It has {cacheIdHex} hexadecimal digits.',
    },
    'pt-BR': {
      word: 'cache ID',
      article: 'o',
      definition: 'O nome hexadecimal aleatório do diretório de uma camada em `overlay2/`: não é um digest do conteúdo.',
      figures: 'Tem {cacheIdHex} dígitos hexadecimais.',
    },
  },
  layerFiles: {
    en: {
      word: 'diff, link, lower, committed',
      definition: 'Inside `overlay2/<id>`: `diff/` is the layer’s files; `link`, the name of its short link; `lower`, the short links of the layers below; `committed`, the mark of a layer that already has children.',
    },
    'pt-BR': {
      word: 'diff, link, lower, committed',
      article: 'os',
      definition: 'Dentro de `overlay2/<id>`: `diff/` são os arquivos da camada; `link`, o nome do link curto dela; `lower`, os links curtos das camadas de baixo; `committed`, a marca de uma camada que já tem filhas.',
    },
  },
  shortLink: {
    en: {
      word: 'short link',
      definition: 'A symbolic link in `overlay2/l/` with a short random name, pointing at one layer’s `diff/`, so more layers fit in the mount options.',
      figures: 'A short name has {shortLinkLength} characters.',
    },
    'pt-BR': {
      word: 'link curto',
      article: 'o',
      definition: 'Um link simbólico em `overlay2/l/` com um nome curto e aleatório, que aponta para o `diff/` de uma camada, para caber mais camadas nas opções de montagem.',
      figures: 'O nome curto tem {shortLinkLength} caracteres.',
    },
    concept: 'short-links',
  },
  orphan: {
    en: { word: 'orphan', definition: 'A directory under `overlay2/` that no image, container or layer record points to (left by a crash or by a change made by hand).' },
    'pt-BR': {
      word: 'órfão',
      article: 'o',
      definition: 'Um diretório em `overlay2/` para o qual nenhuma imagem, contêiner ou registro de camada aponta (sobra de uma falha ou de uma mudança feita à mão).',
      avoid: [{ pattern: 'órfãs?', use: 'órfão (um diretório)' }],
    },
  },
  layerLimits: {
    en: {
      word: 'layer limits',
      definition: 'Three different limits: Docker’s layer store caps how deep an image can be, the overlay2 driver caps the layers below one layer, and the kernel caps the lowerdirs of one mount.',
      figures: 'They are {layerStoreMaxDepth} layers per image, {overlay2MaxDepth} layers below one layer and {kernelMaxLowers} lowerdirs per mount.',
    },
    'pt-BR': {
      word: 'limites de camadas',
      article: 'os',
      definition: 'Três limites diferentes: o armazenamento de camadas do Docker limita a profundidade de uma imagem, o driver overlay2 limita as camadas abaixo de uma camada e o kernel limita os lowerdirs de uma montagem.',
      figures: 'São {layerStoreMaxDepth} camadas por imagem, {overlay2MaxDepth} camadas abaixo de uma camada e {kernelMaxLowers} lowerdirs por montagem.',
    },
    concept: 'layer-limits',
  },
  snapshotter: {
    en: {
      word: 'containerd snapshotter',
      definition: 'Where Docker keeps image layers when it uses the containerd image store (the default of Docker 29 and of recent Docker Desktop): `io.containerd.snapshotter.v1.overlayfs`; `overlay2/` then stays empty.',
    },
    'pt-BR': {
      word: 'snapshotter do containerd',
      article: 'o',
      definition: 'Onde o Docker guarda as camadas das imagens quando usa o armazenamento de imagens do containerd (o padrão do Docker 29 e do Docker Desktop recente): `io.containerd.snapshotter.v1.overlayfs`; o `overlay2/` fica então vazio.',
    },
  },
} satisfies Record<string, Term>;

export type TermId = keyof typeof TERMS;

/**
 * A term's word in a language; with `article`, the pt-BR word carries its article.
 * @example termWord('upperdir', 'pt-BR', { article: true }) // 'o upperdir'
 */
export function termWord(id: TermId, lang: 'pt-BR' | 'en', opts: { article?: boolean } = {}): string {
  const t: Term = TERMS[id];
  return lang === 'pt-BR' && opts.article ? `${t['pt-BR'].article} ${t['pt-BR'].word}` : t[lang].word;
}
