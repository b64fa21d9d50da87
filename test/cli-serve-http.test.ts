// serve's HTTP edge on its own (no engine needed: a feed of no engines): the token guards every
// route, only GET and HEAD are answered, the page and the mermaid file come from this server.
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, serveHandler } from '../src/cli/serve-http';
import { ServeFeed } from '../src/lab/serve-feed';

const TOKEN = 'f'.repeat(32);

describe('serve over HTTP', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    const l = await listen(serveHandler({ feed: new ServeFeed([]), labels: [], lang: 'pt-BR', token: TOKEN }), '127.0.0.1', 0);
    server = l.server;
    base = `http://127.0.0.1:${l.port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('refuses every route without the token, or with a wrong or longer one, in both languages', async () => {
    for (const q of ['', `?token=${'e'.repeat(32)}`, `?token=${TOKEN}0`, `?token=${TOKEN.slice(1)}`]) {
      const r = await fetch(`${base}/${q}`);
      expect(r.status, q).toBe(403);
      expect(await r.text()).toBe('Proibido: abra a URL com o token que o overlay-lab serve mostrou.\nForbidden: open the URL with the token that overlay-lab serve printed.\n');
    }
  });

  it('answers GET and HEAD only', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) expect((await fetch(`${base}/?token=${TOKEN}`, { method })).status, method).toBe(405);
    expect((await fetch(`${base}/?token=${TOKEN}`, { method: 'HEAD' })).status).toBe(200);
  });

  it('serves the page in the language asked, never sending the token elsewhere, and mermaid from the package', async () => {
    const page = await fetch(`${base}/?token=${TOKEN}&lang=en`);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(await page.text()).toContain('<html lang="en">');
    expect(await (await fetch(`${base}/?token=${TOKEN}`)).text()).toContain('<html lang="pt-BR">'); // the command's language
    const js = await fetch(`${base}/assets/mermaid.min.js?token=${TOKEN}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect((await js.text()).length).toBeGreaterThan(100_000);
    expect((await fetch(`${base}/container?token=${TOKEN}&engine=0&name=web`)).status).toBe(404); // no such engine
  });
});
