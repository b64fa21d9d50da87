/*
 * The browser side of `overlay-lab serve`'s page, as text the page embeds: its style (light
 * and dark, readable on a projector) and its script (server-sent events replace a panel's
 * body; a chosen container's mount is fetched and drawn with Mermaid). The script holds no
 * words of its own: the server passes them in the page's language.
 */

/** Light by default, dark when the system asks; sizes for a 1024×768 projector and a phone. */
export const SERVE_STYLE = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #0f172a; --muted: #475569; --line: #cbd5e1; --panel: #f8fafc;
  --ok: #166534; --ok-bg: #dcfce7; --bad: #991b1b; --bad-bg: #fee2e2; --info: #1e3a8a; --info-bg: #dbeafe; --add: #166534; --del: #991b1b; }
@media (prefers-color-scheme: dark) { :root { --bg: #0b1120; --fg: #e2e8f0; --muted: #94a3b8; --line: #334155; --panel: #111827;
  --ok: #86efac; --ok-bg: #14532d; --bad: #fca5a5; --bad-bg: #7f1d1d; --info: #bfdbfe; --info-bg: #1e3a8a; --add: #86efac; --del: #fca5a5; } }
* { box-sizing: border-box; }
body { margin: 0; padding: 0.75rem 1rem; font: 18px/1.4 system-ui, sans-serif; background: var(--bg); color: var(--fg); }
header { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; flex-wrap: wrap; }
h1 { font-size: 1.5rem; margin: 0; } h2 { font-size: 1.25rem; margin: 0 0 0.25rem; overflow-wrap: anywhere; }
h3 { font-size: 1.05rem; margin: 0.75rem 0 0.25rem; } h4 { font-size: 1rem; margin: 0.5rem 0 0.25rem; color: var(--muted); }
a { color: inherit; } .intro, .where, .note { color: var(--muted); margin: 0.25rem 0; }
.panels { display: grid; gap: 1rem; grid-template-columns: 1fr; }
@media (min-width: 1200px) { .panels.n2 { grid-template-columns: 1fr 1fr; } .panels.n3 { grid-template-columns: 1fr 1fr 1fr; } }
.panel { border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem; background: var(--panel); min-width: 0; display: flex; flex-direction: column; }
/* The panel's body is replaced whole by each event; the mount (kept between events) is drawn before the long directory table. */
.panel > .body { display: contents; } .panel > * , .body > * { order: 1; } .panel > .mount { order: 2; } .body > .dirs-part { order: 3; }
.status { padding: 0.25rem 0.5rem; border-radius: 6px; margin: 0.25rem 0; font-weight: 600; }
.status.ok { color: var(--ok); background: var(--ok-bg); } .status.bad { color: var(--bad); background: var(--bad-bg); }
.status.info { color: var(--info); background: var(--info-bg); }
.totals { font-weight: 600; }
.changes { list-style: none; padding: 0; margin: 0; max-height: 14rem; overflow: auto; font-size: 0.95rem; }
.changes li { padding: 0.1rem 0; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
.changes li.added { color: var(--add); } .changes li.removed { color: var(--del); }
.changes time { color: var(--muted); font-variant-numeric: tabular-nums; }
.dirs { max-height: 18rem; overflow: auto; border: 1px solid var(--line); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
th, td { text-align: left; padding: 0.15rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
th { position: sticky; top: 0; background: var(--panel); }
code { font: 0.95em ui-monospace, monospace; } td:first-child code { white-space: nowrap; }
button { font: inherit; padding: 0.25rem 0.6rem; border-radius: 6px; border: 1px solid var(--line); background: var(--bg); color: var(--fg); cursor: pointer; margin: 0.1rem 0; }
button.chosen { outline: 3px solid var(--info); }
.mount pre.mermaid { background: transparent; overflow-x: auto; margin: 0; }
.mount svg { max-width: 100%; height: auto; }
/* On a phone a diagram shrunk to the width is unreadable: keep its size and scroll it sideways. */
@media (max-width: 600px) { body { font-size: 16px; padding: 0.5rem; } }
`;

/** What the script is told: the page's language and the words it may need to show. */
export interface ClientInput {
  lang: string;
  words: { serverLost: string; containerFailed: string };
}

/**
 * The page's script: follows /events, keeps the chosen container of each panel and draws it.
 * @example `<script>${serveClientScript({ lang: 'en', words })}</script>`
 */
export function serveClientScript(input: ClientInput): string {
  // JSON inside a script element: "</" would end the element.
  const data = JSON.stringify(input).replace(/</g, '\\u003c');
  return `
(() => {
  const input = ${data};
  const q = new URLSearchParams(location.search);
  const token = q.get('token') || '';
  const base = 'token=' + encodeURIComponent(token) + '&lang=' + encodeURIComponent(input.lang);
  const dark = matchMedia('(prefers-color-scheme: dark)').matches;
  if (window.mermaid) mermaid.initialize({ startOnLoad: false, theme: dark ? 'dark' : 'default', securityLevel: 'strict' });
  const chosen = {};
  const draw = async (el) => {
    if (!window.mermaid) return;
    try { await mermaid.run({ nodes: el.querySelectorAll('pre.mermaid') }); } catch (e) { console.error(e); }
    // On a narrow screen a diagram keeps its own width (Mermaid's max-width) and scrolls sideways.
    if (matchMedia('(max-width: 600px)').matches) for (const svg of el.querySelectorAll('svg')) svg.style.minWidth = svg.style.maxWidth;
  };
  const stamp = (el) => { const now = Date.now(); for (const li of el.querySelectorAll('li[data-dir]')) { const k = li.dataset.change + ' ' + li.dataset.dir; li.dataset.seenAt = seen.get(k) || now; if (!seen.has(k)) seen.set(k, now); } };
  const seen = new Map();
  const showMount = async (panel, name) => {
    const i = panel.dataset.index; chosen[i] = name;
    const box = panel.querySelector('.mount');
    for (const b of panel.querySelectorAll('button.pick')) b.classList.toggle('chosen', b.dataset.name === name);
    try {
      const r = await fetch('/container?' + base + '&engine=' + i + '&name=' + encodeURIComponent(name));
      box.innerHTML = await r.text();
    } catch (e) { box.textContent = input.words.containerFailed.replace('{reason}', String(e)); }
    box.dataset.name = name;
    await draw(box);
  };
  document.addEventListener('click', (e) => {
    const b = e.target.closest('button'); if (!b) return;
    const panel = b.closest('.panel'); if (!panel) return;
    if (b.classList.contains('pick')) showMount(panel, b.dataset.name);
    else if (b.classList.contains('refresh') && chosen[panel.dataset.index]) showMount(panel, chosen[panel.dataset.index]);
  });
  const fill = (panel, html) => {
    const body = panel.querySelector('.body');
    const before = body.querySelector('[data-mounts]')?.dataset.mounts;
    body.innerHTML = html;
    stamp(body);
    const picks = [...body.querySelectorAll('button.pick')].map((b) => b.dataset.name);
    const want = chosen[panel.dataset.index];
    const after = body.querySelector('[data-mounts]')?.dataset.mounts;
    if (want && picks.includes(want)) { if (before !== after) showMount(panel, want); else for (const b of body.querySelectorAll('button.pick')) b.classList.toggle('chosen', b.dataset.name === want); }
    else if (picks.length) showMount(panel, picks[0]);
    else { panel.querySelector('.mount').innerHTML = ''; delete chosen[panel.dataset.index]; }
  };
  for (const panel of document.querySelectorAll('.panel')) fill(panel, panel.querySelector('.body').innerHTML);
  const lost = document.getElementById('server-lost');
  const es = new EventSource('/events?' + base);
  es.addEventListener('panel', (e) => { const m = JSON.parse(e.data); const panel = document.getElementById('panel-' + m.index); if (panel) fill(panel, m.html); });
  es.onopen = () => { lost.hidden = true; };
  es.onerror = () => { lost.hidden = false; };
})();
`;
}
