/* Views of the tour's steps, in both languages. No rules here: the data comes from src/docker/tour.ts. */
import { formatBytes, formatNumber, formatPercent, say } from '../i18n/format';
import type { Lang, Localized } from '../i18n/lang';
import { countChanges, type UpperChange } from '../docker/store/changes';
import type { SnapshotDiff, SnapshotDir } from '../docker/store/snapshot';
import type { ChangesStep, CleanupStep, ContainerStep, ImageStep, LinksStep, StoreStep, TourProgress, TourStep, TourStepId } from '../lab/tour';
import { INIT_LAYER_WHY } from '../docker/store/init-layer';
import { lowerdirRoles } from '../docker/store/lowerdir-roles';
import { narrate } from '../union/events';
import { errnoOf, resultText } from '../scenario/report';
import { CACHE_ID_HEX, MOUNT_OPTIONS_MAX, SELINUX_LABEL_RESERVE, SHORT_LINK_LENGTH } from '../union/limits';
import { renderTable } from './table';
import { roleCounts } from '../docker/store/role-counts';
import { changeCountsText, counted, roleCountsText, roleText, shortDir, T } from './overlay2-text';
import type { TourBlock } from './tour-wrap';

/** Every word of the tour, each with its translation. */
export const TOUR_TEXT = {
  title: { en: 'overlay-lab tour: how Docker stores a container’s files (overlay2, OverlayFS)', 'pt-BR': 'overlay-lab tour: como o Docker guarda os arquivos de um contêiner (overlay2, OverlayFS)' },
  live: {
    en: 'LIVE: Docker engine {version} at {endpoint}, storage driver overlay2, root {root}. The tour creates one image and one container (labelled io.overlay-lab) and removes them at the end, on q, or on Ctrl-C.',
    'pt-BR': 'AO VIVO: Docker engine {version} em {endpoint}, driver de armazenamento overlay2, raiz {root}. O tour cria uma imagem e um contêiner (com o rótulo io.overlay-lab) e os remove no fim, com q, ou com Ctrl-C.',
  },
  simulated: {
    en: 'SIMULATED: {why} The tour runs on the built-in simulated host (an ubuntu:24.04 image of one layer, an app image built on it and a container named demo) and on overlay-lab’s union engine, checked against the kernel. Nothing on this machine is changed.',
    'pt-BR': 'SIMULADO: {why} O tour roda no host simulado embutido (uma imagem ubuntu:24.04 de uma camada, uma imagem de aplicação construída sobre ela e um contêiner chamado demo) e no motor de união do overlay-lab, conferido com o kernel. Nada nesta máquina é alterado.',
  },
  // --compact: the intro in one or two lines, so step 1 keeps a 20-row screen.
  liveShort: {
    en: 'LIVE: Docker {version}, overlay2 in {root}. The tour’s image and container are removed at the end, on q or Ctrl-C.',
    'pt-BR': 'AO VIVO: Docker {version}, overlay2 em {root}. A imagem e o contêiner do tour são removidos no fim, com q ou Ctrl-C.',
  },
  simulatedShort: {
    en: 'SIMULATED host and overlay-lab’s union engine: nothing on this machine is changed.',
    'pt-BR': 'Host SIMULADO e motor de união do overlay-lab: nada nesta máquina é alterado.',
  },
  simulatedAsked: { en: 'you asked for the simulation (--simulated).', 'pt-BR': 'você pediu a simulação (--simulated).' },
  keys: { en: 'Enter: next step · q: quit (removes what the tour made)', 'pt-BR': 'Enter: próximo passo · q: sair (remove o que o tour criou)' },
  prompt: { en: '── [Enter] next · [q] quit ──', 'pt-BR': '── [Enter] próximo · [q] sair ──' },
  pagePrompt: { en: '── [Enter] more ({page}/{pages}) · [q] quit ──', 'pt-BR': '── [Enter] mais ({page}/{pages}) · [q] sair ──' },
  stepTitle: { en: 'Step {n}/{total} · {name}', 'pt-BR': 'Passo {n}/{total} · {name}' },
  names: {
    store: { en: 'The store before', 'pt-BR': 'O armazenamento antes' },
    image: { en: 'An image arrives', 'pt-BR': 'Chega uma imagem' },
    container: { en: 'A running container: lowerdir, upperdir, merged, workdir', 'pt-BR': 'Um contêiner rodando: lowerdir, upperdir, merged, workdir' },
    changes: { en: 'Writing, deleting, replacing: copy-up, whiteouts, opaque', 'pt-BR': 'Escrever, apagar, substituir: copy-up, whiteouts, opaco' },
    links: { en: 'l/ and the layer limits', 'pt-BR': 'l/ e os limites de camadas' },
    cleanup: { en: 'Cleaning up without hurting anyone', 'pt-BR': 'Limpar sem machucar ninguém' },
  } satisfies Record<TourStepId, Localized>,
  seed: { en: 'the seed lab’s command', 'pt-BR': 'comando do laboratório original' },
  notRun: { en: 'NOT run: see below', 'pt-BR': 'NÃO executado: veja abaixo' },
  ran: { en: 'What overlay-lab read:', 'pt-BR': 'O que o overlay-lab leu:' },
  resume: { en: 'Resuming at step {n}: steps 1 to {m} run again quietly (their results are needed).', 'pt-BR': 'Retomando no passo {n}: os passos 1 a {m} rodam de novo em silêncio (os resultados deles são necessários).' },
  resumeOne: { en: 'Resuming at step 2: step 1 runs again quietly (its result is needed).', 'pt-BR': 'Retomando no passo 2: o passo 1 roda de novo em silêncio (o resultado dele é necessário).' },
  done: { en: 'End of the tour. Everything it made is gone; run it again with overlay-lab tour (--step N to jump).', 'pt-BR': 'Fim do tour. Tudo o que ele criou foi removido; rode de novo com overlay-lab tour (--step N para pular).' },
  quit: { en: 'Tour stopped at step {n}. Removing what it made…', 'pt-BR': 'Tour interrompido no passo {n}. Removendo o que ele criou…' },
  interrupted: { en: '{signal}: stopping the tour and removing what it made…', 'pt-BR': '{signal}: parando o tour e removendo o que ele criou…' },
  removedAll: { en: 'Removed: {list}.', 'pt-BR': 'Removido: {list}.' },
  nothingToRemove: { en: 'Nothing to remove.', 'pt-BR': 'Nada a remover.' },
  progress: {
    import: { en: 'importing the base image {detail}…', 'pt-BR': 'importando a imagem base {detail}…' },
    build: { en: 'building: {detail}', 'pt-BR': 'construindo: {detail}' },
    pull: { en: 'pulling: {detail}', 'pt-BR': 'baixando: {detail}' },
    run: { en: 'starting the container {detail}…', 'pt-BR': 'iniciando o contêiner {detail}…' },
    exec: { en: 'docker exec: {detail}', 'pt-BR': 'docker exec: {detail}' },
    scan: { en: 'reading the store…', 'pt-BR': 'lendo o armazenamento…' },
    remove: { en: 'removing the tour’s container and images…', 'pt-BR': 'removendo o contêiner e as imagens do tour…' },
  } satisfies Record<TourProgress['kind'], Localized>,
  // step 1
  storeHead: { en: 'DIR|LINK (l/)|SIZE|OWNER AND ROLE', 'pt-BR': 'DIR|LINK (l/)|TAMANHO|DONO E PAPEL' },
  storeEmpty: { en: '{path}: no layer directories yet, only l/.', 'pt-BR': '{path}: nenhum diretório de camada ainda, só o l/.' },
  storeSummary: { en: '{path}: {dirs} ({roles}), {links} in l/, {images}, {containers}.', 'pt-BR': '{path}: {dirs} ({roles}), {links} em l/, {images}, {containers}.' },
  andOthers: { en: '(+{n, plural, one {# other image} other {# other images}})', 'pt-BR': '(+{n, plural, one {# outra imagem} other {# outras imagens}})' },
  more: { en: '… and {n} more: overlay-lab layers lists them', 'pt-BR': '… e mais {n}: overlay-lab layers lista todos' },
  storeWhy: {
    en: 'Every directory under overlay2/ is one layer: a layer of an image, the writable layer of a container, or a container’s -init layer. Their names are random cache IDs, not content digests: overlay-lab finds each owner through layerdb (image/overlay2/layerdb). l/ holds one short symbolic link per layer; we will see why in step 5.',
    'pt-BR': 'Cada diretório em overlay2/ é uma camada: camada de uma imagem, a camada gravável de um contêiner, ou a camada -init de um contêiner. Os nomes são IDs de cache aleatórios, não digests do conteúdo: o overlay-lab acha o dono de cada um pelo layerdb (image/overlay2/layerdb). O l/ guarda um link simbólico curto por camada; o porquê fica para o passo 5.',
  },
  // step 2
  pullFailed: { en: 'No registry answered for {ref}: the tour builds its image locally instead.', 'pt-BR': 'Nenhum registry respondeu para {ref}: em vez de baixar, o tour constrói a imagem localmente.' },
  noRegistry: {
    en: 'Here the image is built locally (no registry needed): a base layer imported from this machine’s busybox, then this Dockerfile:',
    'pt-BR': 'Aqui a imagem é construída localmente (sem registry): uma camada base importada do busybox desta máquina, e depois este Dockerfile:',
  },
  newDirs: { en: 'New directories in the store, each attributed:', 'pt-BR': 'Diretórios novos no armazenamento, cada um atribuído:' },
  diffHead: { en: 'CHANGE|DIR|SIZE|OWNER AND ROLE', 'pt-BR': 'MUDANÇA|DIR|TAMANHO|DONO E PAPEL' },
  new: { en: 'new', 'pt-BR': 'novo' },
  gone: { en: 'removed', 'pt-BR': 'removido' },
  noNewDirs: { en: '(no new directories: every layer was already in the store)', 'pt-BR': '(nenhum diretório novo: todas as camadas já estavam no armazenamento)' },
  stackOf: { en: 'The image {name}, top to bottom (what each layer adds +, changes ~, deletes -, replaces ■):', 'pt-BR': 'A imagem {name}, de cima para baixo (o que cada camada adiciona +, muda ~, apaga -, substitui ■):' },
  layerN: { en: 'layer {pos}', 'pt-BR': 'camada {pos}' },
  imageWhy: {
    en: 'The image arrived as {n, plural, one {# layer} other {# layers}} and the store grew by one directory per layer it did not have yet; a layer already present (same chain ID) is shared, never stored twice. Each layer’s diff/ holds only what that layer changed: a deletion is a whiteout file, a replaced directory is marked opaque. Nothing is merged yet: that happens when a container starts.',
    'pt-BR': 'A imagem chegou em {n, plural, one {# camada} other {# camadas}} e o armazenamento ganhou um diretório por camada que ainda não tinha; uma camada já presente (mesmo chain ID) é compartilhada, nunca guardada duas vezes. O diff/ de cada camada guarda só o que ela mudou: uma remoção vira um arquivo whiteout, um diretório substituído fica marcado como opaco. Nada é mesclado ainda: isso acontece quando um contêiner inicia.',
  },
  // step 3
  drawing: { en: 'The union mount of {name}:', 'pt-BR': 'A montagem de união de {name}:' },
  mergedLine: { en: 'merged    {path}   (what the container sees)', 'pt-BR': 'merged    {path}   (o que o contêiner vê)' },
  upperLine: { en: 'upperdir  {dir}/diff   (writable: new files, copies, whiteouts)', 'pt-BR': 'upperdir  {dir}/diff   (gravável: arquivos novos, cópias, whiteouts)' },
  workLine: { en: 'workdir   {dir}/work   (the kernel’s scratch space, same file system)', 'pt-BR': 'workdir   {dir}/work   (rascunho do kernel, mesmo sistema de arquivos)' },
  initLine: { en: 'lowerdir  {dir}   (-init: /etc/hosts, /etc/resolv.conf, /.dockerenv …)', 'pt-BR': 'lowerdir  {dir}   (-init: /etc/hosts, /etc/resolv.conf, /.dockerenv …)' },
  lowerLine: { en: 'lowerdir  {dir}   (image layer {pos}{edge})', 'pt-BR': 'lowerdir  {dir}   (camada {pos} da imagem{edge})' },
  top: { en: ', top', 'pt-BR': ', topo' },
  bottom: { en: ', bottom', 'pt-BR': ', base' },
  mountFrom: { en: 'The mount as the kernel holds it ({source}):', 'pt-BR': 'A montagem como o kernel a guarda ({source}):' },
  mountinfo: { en: 'from dockerd’s mountinfo', 'pt-BR': 'do mountinfo do dockerd' },
  computed: { en: 'rebuilt from the lower and link files', 'pt-BR': 'reconstruída dos arquivos lower e link' },
  notMounted: { en: 'The container is not mounted (not running).', 'pt-BR': 'O contêiner não está montado (não está rodando).' },
  containerWhy: {
    en: 'Creating the container (docker run creates, then starts it) added two directories: its writable layer, whose diff/ becomes the upperdir, and its -init layer, the first lowerdir, with empty placeholders (/etc/hosts, /etc/resolv.conf …) that Docker bind-mounts over. The image’s layers are mounted read-only below them, top first, and OverlayFS shows the union in merged/ while the container runs. workdir is where the kernel prepares a copy-up before putting it in place.',
    'pt-BR': 'Criar o contêiner (o docker run cria e depois inicia) acrescentou dois diretórios: a camada gravável, cujo diff/ vira o upperdir, e a camada -init, o primeiro lowerdir, com marcadores vazios (/etc/hosts, /etc/resolv.conf …) sobre os quais o Docker monta os arquivos de verdade. As camadas da imagem são montadas somente leitura abaixo delas, a de cima primeiro, e o OverlayFS mostra a união em merged/ enquanto o contêiner roda. O workdir é onde o kernel prepara um copy-up antes de pô-lo no lugar.',
  },
  // step 4
  actionsHead: { en: 'Inside the container:', 'pt-BR': 'Dentro do contêiner:' },
  exitCode: { en: 'exit {code}', 'pt-BR': 'saída {code}' },
  unionEngine: { en: 'The same on overlay-lab’s union engine (ubuntu preset; what the mount does by itself):', 'pt-BR': 'O mesmo no motor de união do overlay-lab (preset ubuntu; o que a montagem faz sozinha):' },
  upperHead: { en: 'The upperdir ({path}) now holds: {changes}', 'pt-BR': 'O upperdir ({path}) agora guarda: {changes}' },
  changesHead: { en: 'CHANGE|PATH|SIZE|HIDES OR COPIES FROM', 'pt-BR': 'MUDANÇA|CAMINHO|TAMANHO|ESCONDE OU COPIA DE' },
  noXattrs: { en: '(opaque markers could not be read with this access way: they need CAP_SYS_ADMIN)', 'pt-BR': '(os marcadores de opaco não puderam ser lidos neste modo de acesso: exigem CAP_SYS_ADMIN)' },
  changesWhy: {
    en: 'Writing to a file of a lower layer first copies it up whole into the upperdir (copy-up); its parent directories are copied up too, which is why they show as modified. Deleting a lower file cannot touch the read-only layer, so a whiteout (a character device 0/0) hides it. Replacing a directory (rm -rf, then mkdir) leaves a new directory marked trusted.overlay.opaque=y: nothing from below shows through it.',
    'pt-BR': 'Escrever num arquivo de uma camada inferior primeiro o copia inteiro para o upperdir (copy-up); os diretórios pais também sobem, por isso aparecem como modificados. Apagar um arquivo inferior não pode mexer na camada somente leitura, então um whiteout (um dispositivo de caractere 0/0) o esconde. Substituir um diretório (rm -rf e depois mkdir) deixa um diretório novo marcado com trusted.overlay.opaque=y: nada de baixo aparece através dele.',
  },
  // step 5
  linksHead: { en: 'LAYER|l/ LINK|-> DIR', 'pt-BR': 'CAMADA|LINK l/|-> DIR' },
  linkRole: { upper: { en: 'upperdir', 'pt-BR': 'upperdir' }, init: { en: 'lowerdir (-init)', 'pt-BR': 'lowerdir (-init)' }, image: { en: 'lowerdir (image)', 'pt-BR': 'lowerdir (imagem)' } },
  linkTotal: {
    en: '{n, plural, one {l/ holds # link, one per layer directory.} other {l/ holds # links in all, one per layer directory.}}',
    'pt-BR': '{n, plural, =0 {O l/ não tem links: ainda não há diretório de camada.} one {O l/ tem # link, um por diretório de camada.} other {O l/ tem # links ao todo, um por diretório de camada.}}',
  },
  budget: {
    en: 'This mount’s options take {len} of the {max} bytes mount(2) accepts ({pct}); with full <id>/diff paths they would take {full}.',
    'pt-BR': 'As opções desta montagem ocupam {len} dos {max} bytes que o mount(2) aceita ({pct}); com caminhos <id>/diff completos ocupariam {full}.',
  },
  limitsHead: {
    en: `EACH LOWER SPELT AS|BYTES|FIT IN ${formatNumber(MOUNT_OPTIONS_MAX, 'en')}`,
    'pt-BR': `CADA LOWERDIR ESCRITO COMO|BYTES|CABEM EM ${formatNumber(MOUNT_OPTIONS_MAX, 'pt-BR')}`,
  },
  spelling: {
    'full-diff-paths': { en: `$S/<${formatNumber(CACHE_ID_HEX, 'en')} hex>/diff`, 'pt-BR': `$S/<${formatNumber(CACHE_ID_HEX, 'pt-BR')} hex>/diff` },
    'absolute-short-links': {
      en: `$S/l/<${formatNumber(SHORT_LINK_LENGTH, 'en')} chars>`,
      'pt-BR': `$S/l/<${formatNumber(SHORT_LINK_LENGTH, 'pt-BR')} caracteres>`,
    },
    'relative-short-links': {
      en: `l/<${formatNumber(SHORT_LINK_LENGTH, 'en')} chars> (cd $S first)`,
      'pt-BR': `l/<${formatNumber(SHORT_LINK_LENGTH, 'pt-BR')} caracteres> (cd $S antes)`,
    },
  },
  moby: {
    en: `overlay2’s rule: (${formatNumber(SHORT_LINK_LENGTH, 'en')} + len("l/")) × {depth} = {left} ≤ {page} − ${formatNumber(SELINUX_LABEL_RESERVE, 'en')} = {right}, so at most {depth} lowers below a layer. Docker’s layer store stops an image at {store} layers first; the kernel itself allows {kernel}.`,
    'pt-BR': `A regra do overlay2: (${formatNumber(SHORT_LINK_LENGTH, 'pt-BR')} + len("l/")) × {depth} = {left} ≤ {page} − ${formatNumber(SELINUX_LABEL_RESERVE, 'pt-BR')} = {right}, logo no máximo {depth} camadas abaixo de uma camada. O armazenamento de camadas do Docker para uma imagem antes, em {store} camadas; o próprio kernel permite {kernel}.`,
  },
  linksWhy: {
    en: `mount(2) copies its whole option string into one page: {max} characters plus the final NUL (with 4 KiB pages), and a longer lowerdir= list is cut. Full paths would fit about {full} layers, so overlay2 names each layer by a ${formatNumber(SHORT_LINK_LENGTH, 'en')}-character link in l/, mounts with absolute l/ paths, and changes into the store to use relative ones only when even those do not fit. Three limits follow: {store} layers per image (Docker’s layer store, the one a build meets first), {depth} lowers below a layer (the overlay2 driver) and {kernel} lower layers per mount (the kernel).`,
    'pt-BR': `O mount(2) copia a string de opções inteira para uma página: {max} caracteres mais o NUL final (com páginas de 4 KiB), e uma lista lowerdir= mais longa é cortada. Caminhos completos caberiam umas {full} camadas, então o overlay2 chama cada camada por um link de ${formatNumber(SHORT_LINK_LENGTH, 'pt-BR')} caracteres em l/, monta com caminhos l/ absolutos e só entra no armazenamento para usar caminhos relativos quando nem esses cabem. Daí vêm três limites: {store} camadas por imagem (o armazenamento de camadas do Docker, o primeiro que um build encontra), {depth} camadas abaixo de uma camada (o driver overlay2) e {kernel} camadas inferiores por montagem (o kernel).`,
  },
  // step 6
  pruneHead: { en: 'The seed lab ends with docker system prune -a. On this host it would remove:', 'pt-BR': 'O laboratório original termina com docker system prune -a. Neste host ele removeria:' },
  pruneContainers: { en: 'stopped containers: {n} ({user} of them not the lab’s)', 'pt-BR': 'contêineres parados: {n} ({user} deles fora do laboratório)' },
  pruneImages: { en: 'images no running container uses: {n} ({user} of them yours, {bytes})', 'pt-BR': 'imagens que nenhum contêiner rodando usa: {n} ({user} delas suas, {bytes})' },
  pruneYours: { en: 'yours among them: {list}', 'pt-BR': 'suas entre elas: {list}' },
  kind: { container: { en: 'container', 'pt-BR': 'contêiner' }, image: { en: 'image', 'pt-BR': 'imagem' } },
  removedHead: { en: 'What the tour removed (only what it made):', 'pt-BR': 'O que o tour removeu (só o que ele criou):' },
  failed: { en: 'could not remove {name}: {error}', 'pt-BR': 'não deu para remover {name}: {error}' },
  sinceStart: {
    en: 'The store compared with step 1: {added} new, {removed} gone{ok}.',
    'pt-BR': 'O armazenamento comparado com o passo 1: {added, plural, =0 {0 novos} one {# novo} other {# novos}}, {removed, plural, =0 {0 sumiram} one {# sumiu} other {# sumiram}}{ok}.',
  },
  asBefore: { en: ': as it was', 'pt-BR': ': como estava' },
  cleanupWhy: {
    en: 'docker system prune -a first removes every stopped container, and with it its writable layer (a student’s data in it is gone), then every image no container uses (the student’s own images too, which then have to be pulled or rebuilt), the build cache and unused networks. The tour never runs it. It removes only its own container and images, by name and label; overlay-lab cleanup does the same for everything the lab made, lists it and asks first.',
    'pt-BR': 'docker system prune -a primeiro remove todo contêiner parado, e com ele a camada gravável (os dados que um aluno deixou ali somem), depois toda imagem que nenhum contêiner usa (inclusive as imagens do próprio aluno, que depois precisam ser baixadas ou reconstruídas), o cache de build e as redes sem uso. O tour nunca o executa. Ele remove só o próprio contêiner e as próprias imagens, por nome e rótulo; o overlay-lab cleanup faz o mesmo para tudo o que o laboratório criou, lista antes e pergunta.',
  },
} as const;

type Blocks = TourBlock[];

function commands(step: TourStep, lang: Lang): Blocks {
  return step.commands.map((c) => ({
    kind: 'command' as const,
    text: c.shell,
    note: c.notRun ? say(TOUR_TEXT.notRun, lang) : c.seed ? say(TOUR_TEXT.seed, lang) : undefined,
  }));
}

/** A directory's role in a few words: an image layer names one image and counts the others. */
function shortRole(role: SnapshotDir['role'], lang: Lang): string {
  if (role.kind !== 'image-layer' || role.usedBy.length <= 1) return roleText(role, lang);
  // Untagged images here are the builder's intermediate steps of the same image: not counted.
  const tagged = [...new Set(role.usedBy.filter((u) => /[:/]/.test(u.image)).map((u) => u.image))];
  const first = role.usedBy.find((u) => u.image === tagged[0]) ?? role.usedBy[0];
  const text = say(T.role.imageLayer, lang, { pos: first.position, of: first.of, image: first.image });
  return tagged.length > 1 ? `${text} ${say(TOUR_TEXT.andOthers, lang, { n: tagged.length - 1 })}` : text;
}

/** The role last: it is the long column, and a narrow terminal breaks it without scrambling the others. */
function dirRows(dirs: SnapshotDir[], lang: Lang, mark?: string): string[][] {
  return dirs.map((d) => [...(mark ? [mark] : []), shortDir(d.id), ...(mark ? [] : [d.link ? `${d.link.slice(0, 8)}…` : '-']), formatBytes(d.bytes, lang), shortRole(d.role, lang)]);
}

function diffTable(diff: SnapshotDiff, lang: Lang): string {
  const rows = [...dirRows(diff.added, lang, say(TOUR_TEXT.new, lang)), ...dirRows(diff.removed, lang, say(TOUR_TEXT.gone, lang))];
  if (!rows.length) return say(TOUR_TEXT.noNewDirs, lang) + '\n';
  return renderTable(say(TOUR_TEXT.diffHead, lang).split('|'), rows, { align: ['left', 'left', 'right', 'left'] });
}

function changesTable(changes: UpperChange[], lang: Lang): string {
  return renderTable(
    say(TOUR_TEXT.changesHead, lang).split('|'),
    changes.map((c) => [say(T.change[c.kind], lang), c.path + (c.type === 'dir' ? '/' : ''), c.type === 'file' ? formatBytes(c.size, lang) : '', c.below ? shortDir(c.below) : '']),
  );
}

function renderStore(s: StoreStep, lang: Lang, maxRows: number): Blocks {
  const dirs = s.snapshot.dirs;
  const out: Blocks = [];
  if (!dirs.length) out.push({ kind: 'prose', text: say(TOUR_TEXT.storeEmpty, lang, { path: s.storePath }) });
  else {
    out.push({
      kind: 'prose',
      text: say(TOUR_TEXT.storeSummary, lang, {
        path: s.storePath,
        dirs: counted('dirs', dirs.length, lang),
        roles: roleCountsText(roleCounts(dirs), lang),
        links: counted('links', s.linkCount, lang),
        images: counted('images', s.snapshot.images.length, lang),
        containers: counted('containers', s.snapshot.containers.length, lang),
      }),
    });
    // Containers first (the fewest, the most telling), then images by name.
    const order = ['container-layer', 'init-layer', 'orphan', 'unused-layer', 'image-layer'];
    const newest = [...dirs].sort((a, b) => order.indexOf(a.role.kind) - order.indexOf(b.role.kind) || shortRole(a.role, lang).localeCompare(shortRole(b.role, lang))).slice(0, maxRows);
    let table = renderTable(say(TOUR_TEXT.storeHead, lang).split('|'), dirRows(newest, lang), { align: ['left', 'left', 'right', 'left'] });
    if (dirs.length > newest.length) table += say(TOUR_TEXT.more, lang, { n: dirs.length - newest.length }) + '\n';
    out.push({ kind: 'pre', text: table });
  }
  out.push({ kind: 'prose', text: say(TOUR_TEXT.storeWhy, lang) });
  return out;
}

function renderImage(s: ImageStep, lang: Lang): Blocks {
  const out: Blocks = [];
  if (s.pullFailed) out.push({ kind: 'prose', text: say(TOUR_TEXT.pullFailed, lang, { ref: s.pullFailed }) });
  if (s.dockerfile) out.push({ kind: 'prose', text: say(TOUR_TEXT.noRegistry, lang) }, { kind: 'pre', text: s.dockerfile.split('\n').map((l) => `  ${l}`).join('\n') });
  out.push({ kind: 'prose', text: say(TOUR_TEXT.newDirs, lang) }, { kind: 'pre', text: diffTable(s.diff, lang) });
  out.push({ kind: 'prose', text: say(TOUR_TEXT.stackOf, lang, { name: s.image.name }) });
  const rows = [...s.image.layers].reverse().map((l) => {
    const c = s.layerChanges[l.position];
    const n = c ? countChanges(c) : undefined;
    return [say(TOUR_TEXT.layerN, lang, { pos: l.position }), shortDir(l.dir), formatBytes(l.bytes ?? l.size, lang), n ? `+${n.added} ~${n.modified} -${n.deleted} ■${n.opaque}` : '-'];
  });
  const w = Math.max(...rows.map((r) => r.join('  ').length));
  const box = ['┌' + '─'.repeat(w + 2) + '┐', ...rows.map((r) => `│ ${r.join('  ').padEnd(w)} │`), '└' + '─'.repeat(w + 2) + '┘'];
  out.push({ kind: 'pre', text: box.map((l) => `  ${l}`).join('\n') });
  out.push({ kind: 'prose', text: say(TOUR_TEXT.imageWhy, lang, { n: s.image.layers.length }) });
  return out;
}

function renderContainer(s: ContainerStep, lang: Lang): Blocks {
  const c = s.container;
  const out: Blocks = [{ kind: 'prose', text: say(TOUR_TEXT.newDirs, lang) }, { kind: 'pre', text: diffTable(s.diff, lang) }];
  const layers = s.image?.layers.length ?? 0;
  const roles = lowerdirRoles(c, layers);
  const drawing = [
    say(TOUR_TEXT.mergedLine, lang, { path: `${shortDir(c.mountId)}/merged` }),
    '   ▲',
    say(TOUR_TEXT.upperLine, lang, { dir: shortDir(c.mountId) }),
    say(TOUR_TEXT.workLine, lang, { dir: shortDir(c.mountId) }),
    ...c.lowerDirs.map((d, i) => {
      const r = roles[i];
      if (r.kind === 'init') return say(TOUR_TEXT.initLine, lang, { dir: shortDir(d) });
      const pos = r.position;
      const edge = pos === layers ? say(TOUR_TEXT.top, lang) : pos === 1 ? say(TOUR_TEXT.bottom, lang) : '';
      return say(TOUR_TEXT.lowerLine, lang, { dir: shortDir(d), pos, edge });
    }),
  ];
  out.push({ kind: 'prose', text: say(TOUR_TEXT.drawing, lang, { name: c.name }) }, { kind: 'pre', text: drawing.map((l) => `  ${l}`).join('\n') });
  if (c.mount) {
    const m = c.mount;
    // The store's path once, as $S: the long paths then fit a projector's width.
    const store = m.mountPoint.replace(/\/[^/]+\/merged$/, '');
    const abbrev = (p: string) => (p.startsWith(`${store}/`) ? `$S/${p.slice(store.length + 1)}` : p);
    out.push(
      { kind: 'prose', text: say(TOUR_TEXT.mountFrom, lang, { source: say(m.source === 'mountinfo' ? TOUR_TEXT.mountinfo : TOUR_TEXT.computed, lang) }) },
      {
        kind: 'pre',
        text: [
          `S=${store}`,
          `overlay on ${abbrev(m.mountPoint)}`,
          ...m.lowerdir.map((l, i) => `  ${i === 0 ? 'lowerdir=' : '         :'}${abbrev(l.entry)}  -> ${shortDir(l.dir)}`),
          `  upperdir=${abbrev(m.upperdir ?? '-')}`,
          `  workdir=${abbrev(m.workdir ?? '-')}`,
        ].join('\n'),
      },
    );
  } else out.push({ kind: 'prose', text: say(TOUR_TEXT.notMounted, lang) });
  out.push({ kind: 'prose', text: `${say(TOUR_TEXT.containerWhy, lang)} ${say(INIT_LAYER_WHY, lang)}` });
  return out;
}

function renderChanges(s: ChangesStep, lang: Lang): Blocks {
  const out: Blocks = [
    { kind: 'prose', text: say(TOUR_TEXT.actionsHead, lang) },
    { kind: 'pre', text: s.actions.map((a) => `  ${a.shell}   → ${a.exitCode === 0 ? 'OK' : say(TOUR_TEXT.exitCode, lang, { code: a.exitCode })}${a.stderr ? ` (${a.stderr})` : ''}`).join('\n') },
  ];
  if (s.union) {
    // 'impure' marks are bookkeeping for readdir; the tour leaves them out to stay on one screen.
    const lines = s.union.steps.flatMap((st) => [
      `  $ ${st.op.text}   → ${errnoOf(st.result) ?? resultText(st.result)}`,
      ...st.events.filter((e) => e.kind !== 'impure').map((e) => `      · ${narrate(e, lang)}`),
    ]);
    out.push({ kind: 'prose', text: say(TOUR_TEXT.unionEngine, lang) }, { kind: 'pre', text: lines.join('\n') });
  }
  out.push({ kind: 'prose', text: say(TOUR_TEXT.upperHead, lang, { path: s.upperdir, changes: changeCountsText(countChanges(s.changes), lang) }) });
  if (!s.xattrs) out.push({ kind: 'prose', text: say(TOUR_TEXT.noXattrs, lang) });
  out.push({ kind: 'pre', text: changesTable(s.changes, lang) });
  out.push({ kind: 'prose', text: say(TOUR_TEXT.changesWhy, lang) });
  return out;
}

function renderLinks(s: LinksStep, lang: Lang): Blocks {
  const out: Blocks = [
    { kind: 'pre', text: renderTable(say(TOUR_TEXT.linksHead, lang).split('|'), s.links.map((l) => [say(TOUR_TEXT.linkRole[l.role], lang), `l/${l.name}`, `../${shortDir(l.dir)}/diff`])) },
    { kind: 'prose', text: say(TOUR_TEXT.linkTotal, lang, { n: s.linkCount }) },
  ];
  const L = s.limits;
  if (s.mount)
    out.push({
      kind: 'prose',
      text: say(TOUR_TEXT.budget, lang, { len: s.mount.budget.length, max: s.mount.budget.maxOptionChars, pct: formatPercent(s.mount.budget.used, lang), full: s.mount.budget.lengthWithFullPaths }),
    });
  out.push({
    kind: 'pre',
    text: renderTable(say(TOUR_TEXT.limitsHead, lang).split('|'), L.capacities.map((c) => [say(TOUR_TEXT.spelling[c.spelling], lang), String(c.perLayer), String(c.fits)]), { align: ['left', 'right', 'right'] }),
  });
  out.push({ kind: 'prose', text: say(TOUR_TEXT.moby, lang, { store: L.layerStoreMaxDepth, depth: L.dockerMaxDepth, left: L.mobyBudget.left, page: L.pageSize, right: L.mobyBudget.right, kernel: L.kernelMaxLowers }) });
  const full = L.capacities.find((c) => c.spelling === 'full-diff-paths')?.fits ?? 0;
  out.push({ kind: 'prose', text: say(TOUR_TEXT.linksWhy, lang, { max: L.maxOptionChars, full, store: L.layerStoreMaxDepth, depth: L.dockerMaxDepth, kernel: L.kernelMaxLowers }) });
  return out;
}

function renderCleanup(s: CleanupStep, lang: Lang, maxRows: number): Blocks {
  const p = s.prune;
  const yours = p.images.filter((i) => !i.lab).map((i) => i.name);
  const prune = [
    `  - ${say(TOUR_TEXT.pruneContainers, lang, { n: p.containers.length, user: p.userContainers })}`,
    `  - ${say(TOUR_TEXT.pruneImages, lang, { n: p.images.length, user: p.userImages, bytes: formatBytes(p.userBytes, lang) })}`,
  ];
  const named = Math.min(8, maxRows);
  if (yours.length) prune.push(`    ${say(TOUR_TEXT.pruneYours, lang, { list: yours.slice(0, named).join(', ') + (yours.length > named ? ', …' : '') })}`);
  const out: Blocks = [{ kind: 'prose', text: say(TOUR_TEXT.pruneHead, lang) }, { kind: 'pre', text: prune.join('\n') }];
  out.push({ kind: 'prose', text: say(TOUR_TEXT.removedHead, lang) });
  out.push({ kind: 'pre', text: s.removed.map((r) => `  - ${say(TOUR_TEXT.kind[r.kind], lang)} ${r.name}`).join('\n') || `  ${say(TOUR_TEXT.nothingToRemove, lang)}` });
  for (const f of s.failed) out.push({ kind: 'prose', text: say(TOUR_TEXT.failed, lang, { name: f.target.name, error: f.error }) });
  out.push({ kind: 'pre', text: diffTable(s.diff, lang) });
  const ok = s.sinceStart.added.length === 0 && s.sinceStart.removed.length === 0;
  out.push({ kind: 'prose', text: say(TOUR_TEXT.sinceStart, lang, { added: s.sinceStart.added.length, removed: s.sinceStart.removed.length, ok: ok ? say(TOUR_TEXT.asBefore, lang) : '' }) });
  out.push({ kind: 'prose', text: say(TOUR_TEXT.cleanupWhy, lang) });
  return out;
}

/** How many store directories step 1 lists at most (the rest are counted); a short screen gets fewer (tour-fit). */
export const STORE_ROWS = 12;

/**
 * One step as blocks: its title, the shell commands it stands for, what the library read, and why.
 * `listRows` caps the long listings (step 1's directories, step 6's images), so a step can be
 * condensed to a short screen.
 * @example layoutBlocks(renderTourStep(await tour.run('store'), 1, 6, 'pt-BR'), 80)
 */
export function renderTourStep(step: TourStep, n: number, total: number, lang: Lang, opts: { listRows?: number } = {}): TourBlock[] {
  const listRows = opts.listRows ?? STORE_ROWS;
  const head: Blocks = [{ kind: 'title', text: say(TOUR_TEXT.stepTitle, lang, { n, total, name: say(TOUR_TEXT.names[step.id], lang) }) }, ...commands(step, lang)];
  const body = (() => {
    switch (step.id) {
      case 'store':
        return renderStore(step, lang, listRows);
      case 'image':
        return renderImage(step, lang);
      case 'container':
        return renderContainer(step, lang);
      case 'changes':
        return renderChanges(step, lang);
      case 'links':
        return renderLinks(step, lang);
      case 'cleanup':
        return renderCleanup(step, lang, listRows);
    }
  })();
  return [...head, ...body];
}

/**
 * One progress line (image builds, pulls, scans).
 * @example renderProgress({ kind: 'build', detail: 'Step 2/5 : RUN ...' }, 'en') // 'building: Step 2/5 : RUN ...'
 */
export function renderProgress(p: TourProgress, lang: Lang): string {
  return say(TOUR_TEXT.progress[p.kind], lang, { detail: p.detail ?? '' });
}
