/*
 * `overlay-lab serve`'s HTTP edge: a plain Node server that answers GET only, and only with the
 * token it printed. Routes: / (the page), /events (server-sent events, one `panel` event per
 * change of an engine's panel), /container (a chosen container's union mount) and
 * /assets/mermaid.min.js (the mermaid package's own file: the page works offline).
 */
import { timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parseLang, type Lang, type Localized } from '../i18n/lang';
import type { EnginePanel, ServeFeed } from '../lab/serve-feed';
import { containerError, containerSection, panelBody, servePage, SERVE_T } from '../render/serve-page';

/** What the server serves. */
export interface ServeHttpOptions {
  feed: ServeFeed;
  labels: string[];
  lang: Lang;
  token: string;
}

/** A keep-alive comment on idle event streams, so proxies and browsers keep them open. */
const KEEPALIVE_MS = 15_000;
/** How soon a browser tries again after losing the stream. */
const RETRY_MS = 2000;

const HEADERS = {
  'Cache-Control': 'no-store',
  // The token is in the URL: never hand it to another site.
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:",
};

/** Both languages in one answer: a refused request has no language of its own. */
const both = (t: Localized) => `${t['pt-BR']}\n${t.en}\n`;

function plain(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra });
  res.end(text);
}

function tokenOk(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function events(req: IncomingMessage, res: ServerResponse, feed: ServeFeed, lang: Lang): void {
  res.writeHead(200, { ...HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
  const send = (p: EnginePanel) => res.write(`event: panel\ndata: ${JSON.stringify({ index: p.index, version: p.version, html: panelBody(p, lang) })}\n\n`);
  res.write(`retry: ${RETRY_MS}\n\n`);
  for (const p of feed.panels) send(p);
  const off = feed.subscribe(send);
  const alive = setInterval(() => res.write(': alive\n\n'), KEEPALIVE_MS);
  req.on('close', () => (off(), clearInterval(alive)));
}

async function container(res: ServerResponse, url: URL, opts: ServeHttpOptions, lang: Lang): Promise<void> {
  const index = Number(url.searchParams.get('engine'));
  const name = url.searchParams.get('name') ?? '';
  // Docker's own rule for container names (and ids are hex): nothing else reaches the engine's API.
  if (!Number.isInteger(index) || index < 0 || index >= opts.labels.length || !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) return plain(res, 404, both(SERVE_T.notFound));
  let html: string;
  try {
    html = containerSection(await opts.feed.container(index, name), lang);
  } catch (e) {
    html = containerError((e as Error).message, lang);
  }
  res.writeHead(200, { ...HEADERS, 'Content-Type': 'text/html; charset=utf-8' });
  res.end(html);
}

/**
 * The request handler: token first (403), then GET only (405), then the routes (404).
 * @example createServer(serveHandler({ feed, labels, lang: 'en', token }))
 */
export function serveHandler(opts: ServeHttpOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const mermaidFile = require.resolve('mermaid/dist/mermaid.min.js');
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://serve.invalid');
    if (!tokenOk(url.searchParams.get('token'), opts.token)) return plain(res, 403, both(SERVE_T.forbidden));
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, both(SERVE_T.readOnly), { Allow: 'GET, HEAD' });
    const lang = parseLang(url.searchParams.get('lang') ?? '') ?? opts.lang;
    if (url.pathname === '/') {
      res.writeHead(200, { ...HEADERS, 'Content-Type': 'text/html; charset=utf-8' });
      return void res.end(servePage({ lang, token: opts.token, labels: opts.labels }, opts.feed.panels));
    }
    if (url.pathname === '/events' && req.method === 'HEAD') return plain(res, 200, '', { 'Content-Type': 'text/event-stream; charset=utf-8' });
    if (url.pathname === '/events') return events(req, res, opts.feed, lang);
    if (url.pathname === '/container') return void container(res, url, opts, lang);
    if (url.pathname === '/assets/mermaid.min.js') {
      res.writeHead(200, { ...HEADERS, 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'private, max-age=3600' });
      return void createReadStream(mermaidFile).pipe(res);
    }
    plain(res, 404, both(SERVE_T.notFound));
  };
  return (req, res) => {
    try {
      handle(req, res);
    } catch (e) {
      // A view's bug must not stop the class: this request fails, the server goes on.
      if (!res.headersSent) plain(res, 500, `${(e as Error).message}\n`);
      else res.end();
    }
  };
}

/**
 * Listens on `bind`:`port` (0: a free port); resolves with the port it got.
 * @example const { server, port } = await listen(serveHandler(opts), '127.0.0.1', 0);
 */
export function listen(handler: (req: IncomingMessage, res: ServerResponse) => void, bind: string, port: number): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, bind, () => {
      server.off('error', reject);
      resolve({ server, port: (server.address() as { port: number }).port });
    });
  });
}
