/*
 * `overlay-lab serve`'s page as HTML, in both languages: the shell (one panel per engine, the
 * browser script in serve-client.ts), each panel's body (totals, the store's directories with
 * their owners, recent changes with their event, running containers), and a chosen container's
 * union mount drawn with the notebooks' own Mermaid pictures. Only words and layout.
 */
import { say } from '../i18n/format';
import type { Lang, Localized } from '../i18n/lang';
import type { EnginePanel } from '../lab/serve-feed';
import type { ContainerView } from '../docker/inspect';
import { containerGrid } from '../docker/store/container-grid';
import { escapeHtml as esc } from './notebook-html';
import { counted, listingOrder, roleCountsText, roleText, shortDir, T as STORE_T } from './overlay2-text';
import { causeText, WATCH_T } from './watch-text';
import { containerMountMermaid } from './notebook-docker';
import { mermaidLayerGrid } from './mermaid-grid';
import { serveClientScript, SERVE_STYLE } from './serve-client';

/** Words of the page, each in both languages. */
export const SERVE_T = {
  title: { en: 'overlay-lab: the live store', 'pt-BR': 'overlay-lab: o armazenamento ao vivo' },
  intro: {
    en: 'Read only: this page follows each engine’s events and shows its overlay2 store as it changes. Nothing here can change an engine.',
    'pt-BR': 'Somente leitura: esta página acompanha os eventos de cada engine e mostra o armazenamento overlay2 enquanto ele muda. Nada aqui altera um engine.',
  },
  other: { en: 'Português', 'pt-BR': 'English' },
  waiting: { en: 'Waiting for this engine ({reason}); trying again…', 'pt-BR': 'Esperando este engine ({reason}); tentando de novo…' },
  starting: { en: 'Connecting to the engine…', 'pt-BR': 'Conectando ao engine…' },
  lost: { en: 'The engine went away ({reason}); waiting for it to come back…', 'pt-BR': 'O engine saiu do ar ({reason}); esperando ele voltar…' },
  back: { en: 'The engine is back (it was away {s} s).', 'pt-BR': 'O engine voltou (ficou fora {s} s).' },
  live: { en: 'Live since {time}.', 'pt-BR': 'Ao vivo desde {time}.' },
  dirsHead: { en: 'Layer directories ({n})', 'pt-BR': 'Diretórios de camadas ({n})' },
  dirCol: { en: 'directory', 'pt-BR': 'diretório' },
  ownerCol: { en: 'whose it is', 'pt-BR': 'de quem é' },
  changesHead: { en: 'Recent changes (newest first)', 'pt-BR': 'Mudanças recentes (mais novas primeiro)' },
  containersHead: { en: 'Running containers: choose one to see its union mount', 'pt-BR': 'Contêineres em execução: escolha um para ver sua montagem de união' },
  noContainers: { en: 'No running container: no union mount to draw.', 'pt-BR': 'Nenhum contêiner em execução: nenhuma montagem de união para desenhar.' },
  mountHead: { en: 'Union mount of {name} ({image})', 'pt-BR': 'Montagem de união de {name} ({image})' },
  stackHead: { en: 'The stack: merged, upperdir, lowerdirs', 'pt-BR': 'A pilha: merged, upperdir, lowerdirs' },
  gridHead: {
    en: 'Path by path: what its upperdir holds, and the lower layer that has the same path (L0 is the -init layer)',
    'pt-BR': 'Caminho a caminho: o que o upperdir guarda, e a camada inferior que tem o mesmo caminho (L0 é a camada -init)',
  },
  notRunning: { en: '{name} is not running: no union mount now.', 'pt-BR': '{name} não está em execução: nenhuma montagem de união agora.' },
  refresh: { en: 'Read again', 'pt-BR': 'Ler de novo' },
  serverLost: {
    en: 'The page lost its server (overlay-lab serve stopped?); reconnecting… If serve was started again, open the new URL it printed: each start has a new token.',
    'pt-BR': 'A página perdeu o servidor (o overlay-lab serve parou?); reconectando… Se o serve foi iniciado de novo, abra a nova URL que ele mostrou: cada início tem um token novo.',
  },
  containerFailed: { en: 'Could not read this container: {reason}', 'pt-BR': 'Não consegui ler este contêiner: {reason}' },
  forbidden: {
    en: 'Forbidden: open the URL with the token that overlay-lab serve printed.',
    'pt-BR': 'Proibido: abra a URL com o token que o overlay-lab serve mostrou.',
  },
  readOnly: { en: 'Read-only server: only GET is answered.', 'pt-BR': 'Servidor somente leitura: só GET é atendido.' },
  notFound: { en: 'No such page here.', 'pt-BR': 'Não há essa página aqui.' },
} satisfies Record<string, Localized>;

/** An engine client's message inside parentheses: without its closing full stop. */
const bare = (reason: string | undefined) => (reason ?? '?').replace(/\.\s*$/, '');

function statusLine(p: EnginePanel, lang: Lang): { text: string; tone: string } {
  if (p.status === 'lost') return { text: say(SERVE_T.lost, lang, { reason: bare(p.reason) }), tone: 'bad' };
  if (p.status === 'waiting') return p.reason ? { text: say(SERVE_T.waiting, lang, { reason: bare(p.reason) }), tone: 'bad' } : { text: say(SERVE_T.starting, lang), tone: 'info' };
  if (p.backAfterMs !== undefined) return { text: say(SERVE_T.back, lang, { s: (p.backAfterMs / 1000).toFixed(1) }), tone: 'ok' };
  return { text: say(SERVE_T.live, lang, { time: p.state?.takenAt.slice(11, 19) ?? '' }), tone: 'ok' };
}

/**
 * One engine's panel body: status, totals, running containers, directories, recent changes.
 * @example panelBody(feed.panels[0], 'pt-BR')
 */
export function panelBody(p: EnginePanel, lang: Lang): string {
  const st = p.state;
  const status = statusLine(p, lang);
  const out = [`<p class="status ${status.tone}" data-status="${p.status}">${esc(status.text)}</p>`];
  if (!st) return out.join('\n');
  out.push(`<p class="where">${esc(`${st.endpoint} · ${st.storeKind} · ${say(STORE_T.access[st.access], lang)}`)}</p>`);
  if (st.snapshots) out.push(`<p class="note">${esc(say(WATCH_T.snapshots, lang))}</p>`);
  if (p.accessNote) out.push(`<p class="note">${esc(say(p.accessNote, lang))}</p>`);
  out.push(`<p class="totals">${esc(say(WATCH_T.totals, lang, { roles: roleCountsText(st.totals, lang), images: counted('images', st.images, lang), containers: counted('containers', st.containers, lang) }))}</p>`);
  const mounts = st.mounts.map((m) => `<button type="button" class="pick" data-name="${esc(m.container)}">${esc(m.container)} <small>(${esc(m.image)})</small></button>`);
  out.push(`<h3>${esc(say(SERVE_T.containersHead, lang))}</h3>`, mounts.length ? `<div class="picks" data-mounts="${esc(st.mounts.map((m) => m.containerId).join(' '))}">${mounts.join(' ')}</div>` : `<p data-mounts="">${esc(say(SERVE_T.noContainers, lang))}</p>`);
  const changes = p.recent.slice(0, 40).map((r) => {
    const c = r.change;
    const delay = r.latencyMs === undefined ? '' : ` <small>(${esc(say(WATCH_T.latency, lang, { ms: Math.round(r.latencyMs) }))})</small>`;
    return `<li class="${c.change}" data-dir="${esc(c.dir)}" data-change="${c.change}" data-at="${c.cause.at ?? ''}"><time>${r.shownAt.slice(11, 19)}</time> ${c.change === 'added' ? '+' : '−'} <code>${esc(shortDir(c.dir))}</code> ${esc(roleText(c.role, lang))} ← ${esc(causeText(c.cause, lang))}${delay}</li>`;
  });
  out.push(`<h3>${esc(say(SERVE_T.changesHead, lang))}</h3>`, changes.length ? `<ol class="changes">${changes.join('')}</ol>` : `<p>${esc(say(WATCH_T.waiting, lang))}</p>`);
  const dirs = [...p.dirs.values()].sort((a, b) => listingOrder(a).localeCompare(listingOrder(b)));
  const rows = dirs.map((d) => `<tr data-dir="${esc(d.id)}" class="${d.role.kind}"><td><code>${esc(shortDir(d.id))}</code></td><td>${esc(roleText(d.role, lang))}</td></tr>`);
  out.push(
    `<h3 class="dirs-part">${esc(say(SERVE_T.dirsHead, lang, { n: dirs.length }))}</h3>`,
    `<div class="dirs dirs-part"><table><thead><tr><th>${esc(say(SERVE_T.dirCol, lang))}</th><th>${esc(say(SERVE_T.ownerCol, lang))}</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`,
  );
  return out.join('\n');
}

/**
 * A chosen container's union mount: the notebooks' stack diagram and the path-by-path grid.
 * @example containerSection(await feed.container(0, 'web'), 'en')
 */
export function containerSection(view: ContainerView, lang: Lang): string {
  const c = view.container;
  const stack = containerMountMermaid(view, lang);
  const head = `<h3>${esc(say(SERVE_T.mountHead, lang, { name: c.name, image: c.image }))} <button type="button" class="refresh">${esc(say(SERVE_T.refresh, lang))}</button></h3>`;
  if (!stack) return `${head}<p>${esc(say(SERVE_T.notRunning, lang, { name: c.name }))}</p>`;
  const grid = mermaidLayerGrid(containerGrid(view.changes, c.lowerDirs), lang);
  return [head, `<h4>${esc(say(SERVE_T.stackHead, lang))}</h4>`, `<pre class="mermaid">${esc(stack)}</pre>`, `<h4>${esc(say(SERVE_T.gridHead, lang))}</h4>`, `<pre class="mermaid">${esc(grid)}</pre>`].join('\n');
}

/** A container that could not be read, in place of its union mount. */
export function containerError(reason: string, lang: Lang): string {
  return `<p class="status bad">${esc(say(SERVE_T.containerFailed, lang, { reason }))}</p>`;
}

/** What the shell needs to know. */
export interface PageInput {
  lang: Lang;
  token: string;
  labels: string[];
}

/**
 * The whole page: a panel per engine (filled by the server-sent events), the language switch,
 * the browser script. Mermaid is loaded from the server itself: the page works offline.
 * @example servePage({ lang: 'en', token, labels: ['unix:///var/run/docker.sock'] })
 */
export function servePage(input: PageInput, panels: EnginePanel[]): string {
  const { lang, token } = input;
  const other: Lang = lang === 'en' ? 'pt-BR' : 'en';
  const q = (l: Lang) => `?token=${encodeURIComponent(token)}&amp;lang=${l}`;
  const sections = input.labels.map(
    (label, i) => `<section class="panel" id="panel-${i}" data-index="${i}"><h2>${esc(label)}</h2><div class="body">${panels[i] ? panelBody(panels[i], lang) : ''}</div><div class="mount"></div></section>`,
  );
  const words = { serverLost: say(SERVE_T.serverLost, lang), containerFailed: SERVE_T.containerFailed[lang] }; // the script fills {reason}
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(say(SERVE_T.title, lang))}</title>
<style>${SERVE_STYLE}</style>
<script src="/assets/mermaid.min.js${q(lang)}"></script>
</head>
<body>
<header><h1>${esc(say(SERVE_T.title, lang))}</h1><a class="lang" href="/${q(other)}" hreflang="${other}">${esc(say(SERVE_T.other, lang))}</a></header>
<p class="intro">${esc(say(SERVE_T.intro, lang))}</p>
<p id="server-lost" class="status bad" hidden>${esc(words.serverLost)}</p>
<main class="panels n${Math.min(input.labels.length, 3)}">${sections.join('\n')}</main>
<script>${serveClientScript({ lang, words })}</script>
</body>
</html>
`;
}
