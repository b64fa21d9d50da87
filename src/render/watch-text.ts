/* Views of `overlay-lab watch` as terminal text, in both languages. Only words and layout. */
import { say } from '../i18n/format';
import type { Lang, Localized } from '../i18n/lang';
import type { CauseKind, WatchCause, WatchChange } from '../docker/store/watch-cause';
import type { WatchState } from '../docker/store/watch-state';
import { roleCountsText, roleText, shortDir, counted, T as STORE_T } from './overlay2-text';

/** Words of the watch view, each in both languages. */
export const WATCH_T = {
  title: {
    en: 'overlay-lab watch: {endpoint}, {store}, read by: {access}  (Ctrl-C quits)',
    'pt-BR': 'overlay-lab watch: {endpoint}, {store}, lido por: {access}  (Ctrl-C sai)',
  },
  totals: { en: 'Now: {roles}; {images}, {containers}', 'pt-BR': 'Agora: {roles}; {images}, {containers}' },
  snapshots: {
    en: 'containerd image store: following its snapshots (snapshots/<n>), not overlay2 directories.',
    'pt-BR': 'armazenamento de imagens do containerd: acompanhando seus snapshots (snapshots/<n>), não diretórios do overlay2.',
  },
  containerd: {
    en: 'containerd at {root}: following its snapshots (snapshots/<n>) in the snapshot directory and metadata.db, read-only, without a Docker engine.',
    'pt-BR': 'containerd em {root}: acompanhando seus snapshots (snapshots/<n>) no diretório de snapshots e no metadata.db, só leitura, sem Docker engine.',
  },
  mounts: { en: 'Union mounts of running containers (lowerdir uppermost first):', 'pt-BR': 'Montagens de união dos contêineres em execução (lowerdir do mais alto ao mais baixo):' },
  noMounts: { en: 'No running container: no union mount.', 'pt-BR': 'Nenhum contêiner em execução: nenhuma montagem de união.' },
  mount: { en: '{container} ({image}): upperdir {upper}{computed}', 'pt-BR': '{container} ({image}): upperdir {upper}{computed}' },
  computed: { en: ' (rebuilt from the lower files)', 'pt-BR': ' (refeita a partir dos arquivos lower)' },
  moreLowers: { en: '… {n} more', 'pt-BR': '… mais {n}' },
  changesHead: { en: 'Changes (newest first):', 'pt-BR': 'Mudanças (mais recentes primeiro):' },
  waiting: {
    en: 'Waiting for the engine: pull, build, run, rm, rmi or prune something.',
    'pt-BR': 'Esperando o engine: faça um pull, build, run, rm, rmi ou prune.',
  },
  latency: { en: '{ms} ms after the event', 'pt-BR': '{ms} ms após o evento' },
  lost: {
    en: 'Lost the engine ({reason}); trying again every second…',
    'pt-BR': 'Perdi o engine ({reason}); tentando de novo a cada segundo…',
  },
  reconnected: { en: 'The engine is back (after {s} s); the store was read again.', 'pt-BR': 'O engine voltou (depois de {s} s); o armazenamento foi lido de novo.' },
  warning: { en: 'Could not read the store this time: {reason}', 'pt-BR': 'Não consegui ler o armazenamento desta vez: {reason}' },
  started: { en: 'Watching since {time}.', 'pt-BR': 'Observando desde {time}.' },
  added: { en: 'new', 'pt-BR': 'novo' },
  removed: { en: 'gone', 'pt-BR': 'removido' },
};

/** Each cause in words; `{name}` is the container or image the event names. */
export const CAUSE_T: Record<CauseKind, Localized> = {
  pull: { en: 'pull {name}', 'pt-BR': 'pull de {name}' },
  'build-step': { en: 'build step (step container {name})', 'pt-BR': 'passo de build (contêiner do passo {name})' },
  create: { en: 'create of container {name}', 'pt-BR': 'criação do contêiner {name}' },
  start: { en: 'start of container {name}', 'pt-BR': 'início do contêiner {name}' },
  rm: { en: 'rm of container {name}', 'pt-BR': 'rm do contêiner {name}' },
  rmi: { en: 'rmi {name}', 'pt-BR': 'rmi de {name}' },
  prune: { en: 'prune', 'pt-BR': 'prune' },
  load: { en: 'docker load', 'pt-BR': 'docker load' },
  import: { en: 'docker import', 'pt-BR': 'docker import' },
  tag: { en: 'tag {name}', 'pt-BR': 'tag {name}' },
  snapshot: { en: 'containerd snapshot {name} ({action})', 'pt-BR': 'snapshot {name} do containerd ({action})' },
  other: { en: '{type} {action}', 'pt-BR': '{type} {action}' },
  unknown: { en: 'no event seen for it (it happened before the watch, or was missed)', 'pt-BR': 'nenhum evento visto para ele (aconteceu antes do watch, ou foi perdido)' },
};

/** containerd's snapshot kinds, in words (its own word kept beside the Portuguese one). */
const SNAPSHOT_KIND_T: Record<string, Localized> = {
  active: { en: 'active: writable', 'pt-BR': 'ativo (active): gravável' },
  committed: { en: 'committed: a finished layer', 'pt-BR': 'confirmado (committed): uma camada pronta' },
  view: { en: 'view: read-only', 'pt-BR': 'visão (view): só leitura' },
};

/**
 * The event behind a change, in words.
 * @example causeText({ kind: 'create', name: 'web' }, 'pt-BR') // 'criação do contêiner web'
 */
export function causeText(c: WatchCause, lang: Lang): string {
  const name = c.name ?? (c.actor ? shortDir(c.actor.replace(/^sha256:/, '')) : '?');
  const kind = c.kind === 'snapshot' ? SNAPSHOT_KIND_T[c.action ?? ''] : undefined;
  return say(CAUSE_T[c.kind], lang, { name, type: c.type ?? '', action: kind ? say(kind, lang) : (c.action ?? '') });
}

/**
 * One change in one line: + or −, the directory, its owner and role, the event, the delay.
 * @example changeLine(change, 'en', 120) // '+ 1a2b3c4d5e6f  layer 2/3 of x:1  <- build step (commit of a step container)  (120 ms after the event)'
 */
export function changeLine(c: WatchChange, lang: Lang, latencyMs?: number): string {
  const sign = c.change === 'added' ? '+' : '-';
  const delay = latencyMs === undefined ? '' : `  (${say(WATCH_T.latency, lang, { ms: Math.round(latencyMs) })})`;
  return `${sign} ${shortDir(c.dir)}  ${roleText(c.role, lang)}  <- ${causeText(c.cause, lang)}${delay}`;
}

/** A changed line shown on the screen, with when it was shown. */
export interface ShownChange {
  change: WatchChange;
  latencyMs?: number;
  shownAt: string;
}

/** What the screen holds besides the state. */
export interface WatchScreen {
  state: WatchState;
  recent: ShownChange[];
  /** One status line (lost, reconnected, warning), already in words. */
  status?: string;
}

function cut(line: string, cols: number): string {
  const chars = [...line];
  return chars.length <= cols ? line : `${chars.slice(0, Math.max(0, cols - 1)).join('')}…`;
}

/**
 * The whole screen, as lines that fit `cols` x `rows`: title, totals, status, the mounts
 * (at most half the room), then as many recent changes as fit.
 * @example watchScreen(screen, 'en', process.stdout.columns, process.stdout.rows).join('\n')
 */
export function watchScreen(s: WatchScreen, lang: Lang, cols: number, rows: number): string[] {
  const st = s.state;
  const head = [
    say(WATCH_T.title, lang, { endpoint: st.endpoint, store: st.storeKind, access: say(STORE_T.access[st.access], lang) }),
    say(WATCH_T.totals, lang, { roles: roleCountsText(st.totals, lang), images: counted('images', st.images, lang), containers: counted('containers', st.containers, lang) }),
  ];
  if (st.snapshots) head.push(say(WATCH_T.snapshots, lang));
  if (s.status) head.push(s.status);
  head.push('');
  const room = Math.max(0, rows - head.length);
  const mounts: string[] = [];
  if (!st.mounts.length) mounts.push(say(WATCH_T.noMounts, lang));
  else {
    mounts.push(say(WATCH_T.mounts, lang));
    for (const m of st.mounts) {
      mounts.push(`  ${say(WATCH_T.mount, lang, { container: m.container, image: m.image, upper: shortDir(m.upperdir), computed: m.source === 'computed' ? say(WATCH_T.computed, lang) : '' })}`);
      const shown = m.lowerdir.slice(0, 6);
      shown.forEach((l, i) => mounts.push(`    ${i + 1}. ${shortDir(l.dir)}  ${l.role ? roleText(l.role, lang) : '?'}`));
      if (m.lowerdir.length > shown.length) mounts.push(`    ${say(WATCH_T.moreLowers, lang, { n: m.lowerdir.length - shown.length })}`);
    }
  }
  const mountRoom = Math.min(mounts.length, Math.max(1, Math.floor(room / 2)));
  const body = [...mounts.slice(0, mountRoom), ''];
  const changeRoom = Math.max(0, room - body.length - 1);
  body.push(say(WATCH_T.changesHead, lang));
  if (!s.recent.length) body.push(say(WATCH_T.waiting, lang));
  for (const r of s.recent.slice(0, changeRoom)) body.push(`${r.shownAt.slice(11, 19)} ${changeLine(r.change, lang, r.latencyMs)}`);
  return [...head, ...body].slice(0, rows).map((l) => cut(l, cols));
}
